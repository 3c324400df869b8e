import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_TITLE } from '../../electron/services/confidentialRequests.js';
import { departmentLock, newDepartmentKey, sealTo } from '../../electron/sync/format/sealing.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';
import { filesHolding } from '../helpers/filesHolding.js';
import type { TestServices } from '../helpers/services.js';
import { unadmittedMachines } from '../helpers/unadmitted.js';
import { undoAfterEach } from '../helpers/undo.js';

/** Requests of confidential types, sealed to their two departments, through the real services and a real share (docs/sync.md §Confidential requests). */
const { cleanup, tempDir } = undoAfterEach();
const { machine, sync: syncAll } = unadmittedMachines({ cleanup, tempDir });
const sync = (...machines: TestServices[]) => syncAll(machines, 3);
const admit = async (admin: TestServices, name: string, department: string) => {
  const key = (await admin.must('getPeople', {})).people.find((p) => p.name === name)!.key;
  await admin.must('grantRole', { key, role: 'member', department });
};
/** Sam (Sales) makes the share; each colleague sets up on it, those marked approved by him; everyone synced. */
async function office<const C extends readonly (readonly [name: string, department: string, approved: boolean])[]>(...colleagues: C) {
  const share = tempDir('interdesk-share-');
  const sam = await machine(share, 'Sam', 'Sales');
  const others: TestServices[] = [];
  for (const [name, department] of colleagues) others.push(await machine(share, name, department));
  await sync(sam, ...others);
  for (const [name, department, approved] of colleagues) if (approved) await admit(sam, name, department);
  await sync(sam, ...others);
  return { share, sam, others: others as { -readonly [K in keyof C]: TestServices } };
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const letter = {
  toDepartment: 'HR',
  typeId: 'letter',
  title: 'Salary letter for Dana',
  details: 'Her pay rises to 5,400 a month',
  priority: 'P3' as const,
  neededBy: inDays(10),
  form: {},
};

describe('a request of a type HR marks confidential', () => {
  it('is sealed on the share and in every log; Sales and HR read it, IT sees only that it exists, an HR newcomer once admitted', async () => {
    // Once admitted, Hana's computer gives HR a key and its lock, which anyone seals to.
    const {
      share,
      sam,
      others: [hana, ivy],
    } = await office(['Hana', 'HR', true], ['Ivy', 'IT', true]);
    expect((await sam.must('getConfig', {})).departments.find((d) => d.name === 'HR')?.confidentialTypes).toEqual(['general', 'letter', 'onboarding']);

    const sent = await sam.must('createRequest', letter);
    expect(sent).toMatchObject({ title: 'Salary letter for Dana', details: 'Her pay rises to 5,400 a month', confidential: 'open' });
    await sync(sam, hana, ivy);
    for (const dir of [share, sam.dataDir, hana.dataDir, ivy.dataDir]) {
      expect(filesHolding(dir, 'Salary letter')).toEqual([]);
      expect(filesHolding(dir, '5,400')).toEqual([]);
    }

    // HR reads it, in its queue and on the page; so does Sales, which sent it.
    expect((await hana.must('listRequests', { view: 'incoming' })).items.map((r) => [r.title, r.confidential])).toEqual([['Salary letter for Dana', 'open']]);
    expect(await hana.must('getRequest', { id: sent.id })).toMatchObject({ details: 'Her pay rises to 5,400 a month', confidential: 'open' });
    expect((await sam.must('listRequests', { view: 'outgoing' })).items.map((r) => r.title)).toEqual(['Salary letter for Dana']);
    // IT sees that it exists, between whom and by when: not what it says.
    const seen = (await ivy.must('listRequests', { view: 'all' })).items.find((r) => r.id === sent.id);
    expect(seen).toMatchObject({ title: CONFIDENTIAL_TITLE, confidential: 'locked', fromDepartment: 'Sales', toDepartment: 'HR', neededBy: letter.neededBy });
    expect(await ivy.must('getRequest', { id: sent.id })).toMatchObject({ title: CONFIDENTIAL_TITLE, details: '', form: {}, confidential: 'locked' });

    // A newcomer to HR reads it once admitted and a colleague's computer has shared HR's key.
    const hal = await machine(share, 'Hal', 'HR');
    await sync(hal, sam);
    expect((await hal.must('getRequest', { id: sent.id })).confidential).toBe('locked');
    await admit(sam, 'Hal', 'HR');
    await sync(sam, hana, hal);
    expect(await hal.must('getRequest', { id: sent.id })).toMatchObject({ title: 'Salary letter for Dana', confidential: 'open' });
  });

  it('its sealed text counts only from the requesting department; a department nobody could seal to yet says so', async () => {
    const {
      sam,
      others: [hana, ivy],
    } = await office(['Hana', 'HR', true], ['Ivy', 'IT', true]);
    const sent = await sam.must('createRequest', letter);
    await sync(sam, ivy);
    // Ivy's computer, past the service, seals a text of its own to HR and Sales for Sam's request.
    const theirs = sam.store.sealedContent(sent.id)!;
    const other = await ivy.must('createRequest', { ...letter, title: 'Something else entirely' });
    const ivys = ivy.store.sealedContent(other.id)!;
    ivy.store.commit(
      { user: 'Ivy', department: 'IT' },
      { type: 'request.sealedContent', target: sent.id, fields: { ...ivys.fields, seals: theirs.fields.seals } },
    );
    await sync(ivy, hana, sam);
    expect((await hana.must('getRequest', { id: sent.id })).title).toBe('Salary letter for Dana');
    expect((await sam.must('getPeople', {})).refused).toContainEqual(
      expect.objectContaining({ what: 'request.sealedContent', why: 'only Sales, the requesting department, may make this change' }),
    );

    // Payroll has nobody yet: no key, no lock, so nothing could be sealed to it.
    const payroll = { ...letter, toDepartment: 'Payroll', typeId: 'correction', form: { person: 'Dana', month: '2026-11-30' } };
    expect(await sam.call('createRequest', payroll)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Payroll cannot receive confidential requests yet') },
    });
  });

  it('which types are confidential is its leads’ choice (or an admin’s): a member’s change is refused by the service and, forced, by the fold', async () => {
    const {
      sam,
      others: [hana],
    } = await office(['Hana', 'HR', true]);
    expect(await hana.call('saveConfidentialTypes', { department: 'HR', types: [] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Only a lead of HR (or an admin)') },
    });
    expect(await sam.call('saveConfidentialTypes', { department: 'HR', types: ['payslip'] })).toMatchObject({
      ok: false,
      error: { message: "HR's catalog has no request type payslip. Save the catalog first." },
    });
    const config = await sam.must('saveConfidentialTypes', { department: 'HR', types: ['onboarding'] });
    expect(config.departments.find((d) => d.name === 'HR')?.confidentialTypes).toEqual(['onboarding']);
    hana.store.commit({ user: 'Hana', department: 'HR' }, { type: 'config.confidential', target: 'config', fields: { department: 'HR', types: [] } });
    await sync(hana, sam);
    expect((await sam.must('getConfig', {})).departments.find((d) => d.name === 'HR')?.confidentialTypes).toEqual(['onboarding']);
    expect((await sam.must('getPeople', {})).refused).toContainEqual(
      expect.objectContaining({ what: 'config.confidential', why: 'only a lead of HR (or an admin) may change its confidential request types' }),
    );
  });

  it('is never sealed to a lock an outsider published for the department: only its members’ locks count', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const hana = await machine(share, 'Hana', 'HR');
    const ivy = await machine(share, 'Ivy', 'IT');
    await sync(sam, hana, ivy);
    await admit(sam, 'Hana', 'HR');
    // HR's key as a build before locks made it (for a note): sealed to Hana, no lock.
    await sam.must('saveConfidentialTypes', { department: 'HR', types: [] });
    await sync(sam, hana, ivy);
    const made = newDepartmentKey();
    hana.store.commit(
      { user: 'Hana', department: 'HR' },
      {
        type: 'roster.departmentKey',
        target: ROSTER_TARGET,
        fields: { department: 'HR', keyId: made.keyId, sealed: { [hana.store.ownKey!]: sealTo(hana.key.sealKey, made.secret) } },
      },
    );
    await sync(hana, ivy);
    const [key] = ivy.store.roster.departmentKeys('HR');
    expect(key?.lock).toBeUndefined();
    // Ivy, in IT, publishes a lock of her own making for it, as a crafted build could, before any member does.
    const planted = departmentLock(newDepartmentKey().secret);
    ivy.store.commit(
      { user: 'Ivy', department: 'HR' },
      { type: 'roster.departmentLock', target: ROSTER_TARGET, fields: { department: 'HR', keyId: key!.keyId, lock: planted.lock } },
    );
    await sync(ivy, sam, hana);
    await sam.must('saveConfidentialTypes', { department: 'HR', types: ['letter'] });
    await sync(sam, hana, sam);
    expect(sam.store.roster.refusals()).toContainEqual(
      expect.objectContaining({ type: 'roster.departmentLock', why: 'only a member of HR may keep its key for confidential notes' }),
    );
    const sent = await sam.must('createRequest', letter);
    expect(sam.store.sealedContent(sent.id)?.fields.seals.HR?.key).toBe(key!.keyId);
    await sync(sam, hana);
    expect(await hana.must('getRequest', { id: sent.id })).toMatchObject({ title: 'Salary letter for Dana', confidential: 'open' });
  });

  it('its files are sealed too: HR opens them, IT sees that a sealed file is there and cannot open it', async () => {
    const {
      share,
      sam,
      others: [hana, ivy],
    } = await office(['Hana', 'HR', true], ['Ivy', 'IT', false]);
    const sent = await sam.must('createRequest', letter);
    const pdf = Buffer.from('%PDF-1.7\nPayslip of Dana Adams, November\n%%EOF\n');
    const page = await sam.must('addAttachment', { id: sent.id, name: 'payslip-dana.pdf', mime: 'application/pdf', data: pdf.toString('base64') });
    expect(page.attachments).toEqual([expect.objectContaining({ name: 'payslip-dana.pdf', mime: 'application/pdf', size: pdf.length })]);
    expect(page.attachments[0]).not.toHaveProperty('sealed');
    await sync(sam, hana, ivy);
    for (const dir of [share, sam.dataDir, hana.dataDir, ivy.dataDir]) {
      expect(filesHolding(dir, 'Payslip of Dana')).toEqual([]);
      expect(filesHolding(dir, 'payslip-dana')).toEqual([]);
    }

    const [file] = (await hana.must('getRequest', { id: sent.id })).attachments;
    expect(await hana.must('getAttachment', { id: sent.id, attachment: file!.id })).toEqual({
      name: 'payslip-dana.pdf',
      mime: 'application/pdf',
      data: pdf.toString('base64'),
    });
    const seen = await ivy.must('getRequest', { id: sent.id });
    expect(seen.attachments).toEqual([expect.objectContaining({ name: 'a sealed file', locked: true })]);
    expect(await ivy.call('getAttachment', { id: sent.id, attachment: file!.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'This file is sealed for Sales and HR, and this computer holds no key for it.' },
    });
  });

  it('from a newcomer no lead has approved yet: HR reads it, marked unverified; another newcomer cannot replace its text', async () => {
    const {
      others: [hana, ned, mal],
    } = await office(['Hana', 'HR', true], ['Ned', 'IT', false], ['Mal', 'IT', false]);
    const sent = await ned.must('createRequest', letter);
    await sync(ned, hana, mal);
    expect((await hana.must('listRequests', { view: 'incoming' })).items.map((r) => [r.title, r.unverified])).toEqual([['Salary letter for Dana', true]]);
    // Mal, also unverified in IT, writes a text of his own for Ned's request.
    const other = await mal.must('createRequest', { ...letter, title: 'Mal was here' });
    mal.store.commit({ user: 'Mal', department: 'IT' }, { type: 'request.sealedContent', target: sent.id, fields: mal.store.sealedContent(other.id)!.fields });
    await sync(mal, hana);
    expect((await hana.must('getRequest', { id: sent.id })).title).toBe('Salary letter for Dana');
  });

  it('after someone leaves HR, nothing is sealed to the lock they could open: HR’s next key is used once a member’s computer made it', async () => {
    const {
      sam,
      others: [hana, hal],
    } = await office(['Hana', 'HR', true], ['Hal', 'HR', true]);
    const before = sam.store.roster.departmentKeys('HR').at(-1)!;
    // Hal leaves HR; until a member's computer has made HR a new key, nothing is sealed to the old one.
    await sam.must('revokeRole', { key: hal.store.ownKey!, role: 'member', department: 'HR', reason: 'Moved to IT' });
    expect(await sam.call('createRequest', letter)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('HR is changing its key after someone left it') },
    });
    await sync(sam, hana, sam);
    const sent = await sam.must('createRequest', letter);
    const used = sam.store.sealedContent(sent.id)!.fields.seals.HR!.key;
    expect(used).not.toBe(before.keyId);
    await sync(sam, hana, hal);
    expect((await hana.must('getRequest', { id: sent.id })).confidential).toBe('open');
    expect((await hal.must('getRequest', { id: sent.id })).confidential).toBe('locked');
  });
});
