import { createHash, randomUUID } from 'node:crypto';
import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { describe, expect, it } from 'vitest';
import type { SyncTuning } from '../../electron/services/compose.js';
import type { CreateRequestOp } from '../../shared/ops/operations.js';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { CLOCK_TOLERANCE_MS, formatHlc, parseHlc } from '../../shared/ops/hlc.js';
import { asLines, asNamed, writeCraftedSegment } from '../helpers/hostileShare.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { TestServices } from '../helpers/services.js';
import { admitKey, startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

/**
 * One file on the share, crafted as an attacker with write access would, against two honest
 * machines (docs/sync.md §Hostile files): each class of the hostile-share issue, through the
 * real services and a real shared folder.
 */
const { cleanup, tempDir } = undoAfterEach();
const strict: SyncTuning = { watch: false, reportAfterMs: 0 };

async function machine(share: string, name: string, department: string, dataDir = tempDir('interdesk-machine-')): Promise<TestServices> {
  const s = startServices(dataDir, undefined, strict);
  cleanup.push(() => s.close());
  if (!(await s.must('getSession', {})).profile) await s.must('completeSetup', { name, department, sharePath: share });
  await s.sync.syncNow();
  return s;
}

/** The same data folder started again: the app must always start. */
async function restarted(m: TestServices): Promise<TestServices> {
  m.close();
  return machine('', '', '', m.dataDir);
}

const ids = async (m: TestServices) => (await m.must('listRequests', { view: 'all' })).items.map((r) => r.id).sort();
const YEAR_9999 = Date.UTC(9999, 11, 31);

describe('a hostile file on the share', () => {
  it('an operation dated far ahead is held aside: no register takes it, no clock moves to it, and the app still starts and saves', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    await sam.sync.syncNow();
    const eve = await machine(share, 'Eve', 'Engineering');
    const path = writeCraftedSegment(share, 'mallory', 1, asLines([statusOp(id, 'mallory', 1, YEAR_9999, 'done')]));
    const status = await eve.sync.syncNow();

    expect((await eve.must('getRequest', { id })).status).toBe('new');
    expect(parseHlc(eve.store.latestClock).wall).toBeLessThanOrEqual(Date.now() + CLOCK_TOLERANCE_MS);
    expect(status.problems.join('\n')).toContain(`${asNamed(share, path)} cannot be used yet: operation mallory:1 is dated 9999-12-31T00:00:00.000Z`);
    expect(status.problems.join('\n')).toContain('held aside');
    await eve.must('changeStatus', { id, status: 'acknowledged' });
    const again = await restarted(eve);
    expect((await again.must('getRequest', { id })).status).toBe('acknowledged');
    await again.sync.syncNow();
    await sam.sync.syncNow();
    expect((await sam.must('getRequest', { id })).status).toBe('acknowledged');
  });

  it('an operation a few minutes ahead (a colleague’s clock, within the tolerance) is folded as ever', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    await sam.sync.syncNow();
    await admitKey(sam, keyFromSeed('colleague').publicKey, 'Engineering');
    writeCraftedSegment(share, 'colleague', 1, asLines([statusOp(id, 'colleague', 1, Date.now() + 5 * 60_000, 'acknowledged')]));
    await sam.sync.syncNow();
    expect((await sam.must('getRequest', { id })).status).toBe('acknowledged');
  });

  it('a date that has the pattern of one but is not a date never arrives, and every other request still lists', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    await sam.sync.syncNow();
    const bad = createOp('bad-date', 'mallory', 1, Date.now());
    const path = writeCraftedSegment(share, 'mallory', 1, asLines([{ ...bad, fields: { ...bad.fields, neededBy: '2026-02-31T25:00:00Z' } }]));
    const status = await sam.sync.syncNow();
    expect(await ids(sam)).toEqual([id]);
    expect(status.problems).toContain(`${asNamed(share, path)} cannot be used yet: operation 1 is malformed.`);
  });

  it('raw tabs inside a valid operation line do not move where the local log cuts one operation from the next', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    await admitKey(sam, keyFromSeed('mallory').publicKey, 'Engineering');
    const now = Date.now();
    const lines = asLines([createOp(REQUEST_A, 'mallory', 1, now, 'First'), createOp(REQUEST_B, 'mallory', 2, now + 1, 'Second')]).map((line) =>
      // JSON allows whitespace between tokens; a tab there used to look like the log's separator.
      line.replaceAll('","', '",\t"').replace('{"id"', '{\t"id"'),
    );
    lines.push(JSON.stringify(commentOp(REQUEST_A, 'mallory', 3, now + 2, 'About the second')).replace(':', ':\t'));
    writeCraftedSegment(share, 'mallory', 1, lines);
    await sam.sync.syncNow();
    expect(await ids(sam)).toEqual([REQUEST_A, REQUEST_B].sort());
    expect(await sam.must('getRequest', { id: REQUEST_A })).toMatchObject({ title: 'First', comments: [{ body: 'About the second' }] });
    expect(await sam.must('getRequest', { id: REQUEST_B })).toMatchObject({ title: 'Second', comments: [] });
    const log = readFileSync(join(sam.dataDir, 'store', 'operations.jsonl'), 'utf8');
    // Every tab in the log is the separator the log writes between two operations.
    expect(log.split('\t').length - 1).toBe(log.split(',\t{').length - 1);
  });

  it('a department named after what every object has is refused, from the share and from the window', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const bad = createOp('to-constructor', 'mallory', 1, Date.now());
    writeCraftedSegment(share, 'mallory', 1, asLines([{ ...bad, fields: { ...bad.fields, toDepartment: 'constructor' } }]));
    await sam.sync.syncNow();
    expect(await ids(sam)).toEqual([]);
    for (const name of ['constructor', '__proto__', 'toString']) {
      const refused = await sam.call('addDepartment', { name });
      expect(refused.ok ? 'accepted' : refused.error.message).toContain('cannot be a department’s name');
    }
    expect((await sam.must('getConfig', {})).departments).not.toContain('constructor');
  });

  it('the own log never takes an operation its reader would refuse: nothing is written and the app still starts', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    const log = join(sam.dataDir, 'store', 'operations.jsonl');
    const size = statSync(log).size;
    expect(() =>
      sam.store.commit(
        { user: 'Sam', department: 'Sales' },
        { type: 'request.status', target: id, fields: { status: 'waiting_on_requester', resumeAt: '2026-02-31T09:00:00Z' } },
      ),
    ).toThrow(/could not be saved.*Nothing was written/);
    expect(statSync(log).size).toBe(size);
    const again = await restarted(sam);
    expect(await ids(again)).toEqual([id]);
  });

  it('a clock whose counter is full moves on to the next millisecond instead of writing one nobody reads', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    const wall = Date.now() + 60_000;
    await admitKey(sam, keyFromSeed('colleague').publicKey, 'Engineering');
    const full = { ...commentOp(id, 'colleague', 1, wall, 'Busy minute'), hlc: formatHlc({ wall, counter: 999_999, device: 'colleague' }) };
    writeCraftedSegment(share, 'colleague', 1, asLines([full]));
    await sam.sync.syncNow();
    await sam.must('addComment', { id, body: 'Thanks' });
    await sam.sync.syncNow();
    const eve = await machine(share, 'Eve', 'Engineering');
    expect((await eve.must('getRequest', { id })).comments.map((c) => c.body)).toEqual(['Busy minute', 'Thanks']);
  });

  it('a file larger than its kind may be is measured, not read: segments, device.json and format.json alike', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const layout = new ShareLayout(share);
    const segment = layout.segmentPath('mallory', 1);
    mkdirSync(dirname(segment), { recursive: true });
    // Sparse: 100 MB that take no disk, and would take 100 MB of memory if read.
    writeFileSync(segment, '');
    truncateSync(segment, 100 * 1024 * 1024);
    publishDevice(layout, 'mallory', keyFromSeed('mallory'));
    // A device.json that large: its device is never read.
    const huge = layout.deviceFile('mallory-2');
    mkdirSync(dirname(huge), { recursive: true });
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    const eve = await machine(share, 'Eve', 'Engineering');
    const { id } = await eve.must('createRequest', laptopRequest('Sales'));
    await eve.sync.syncNow();
    const status = await sam.sync.syncNow();
    expect(await ids(sam)).toEqual([id]);
    expect(status.problems).toContain(`${asNamed(share, segment)} cannot be used yet: it is 104,857,600 bytes, more than the 16,777,216 such a file may be.`);
    expect(status.problems).toContain(
      `${asNamed(share, huge)} cannot be used yet: it is 52,428,800 bytes, more than the 16,384 such a file may be, so nothing of its device is read yet.`,
    );

    rmSync(layout.formatFile);
    writeFileSync(layout.formatFile, '');
    truncateSync(layout.formatFile, 10 * 1024 * 1024);
    const blocked = await sam.sync.syncNow();
    expect(blocked.state).toBe('offline');
    expect(blocked.detail).toContain(`${layout.formatFile} is not Interdesk's (it is 10,485,760 bytes`);
  });

  it('a segment that claims more operations than any build writes is refused before its lines are read', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const path = writeCraftedSegment(share, 'mallory', 1, asLines([createOp(REQUEST_A, 'mallory', 1, Date.now())]));
    const bytes = readFileSync(path, 'utf8').replace('"last":1', '"last":20000');
    writeFileSync(path, bytes);
    const status = await sam.sync.syncNow();
    expect(status.problems).toContain(`${asNamed(share, path)} cannot be used yet: it claims more than 10,000 operations.`);
  });

  it('a long outbox goes out in segments of at most 4 MB, so no reader refuses what this build writes', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    // Longer than the window allows (20,000), as long as a newer build's may be (100,000).
    const fields = { ...(createOp(REQUEST_A, 'x', 1, 0) as CreateRequestOp).fields, details: 'x'.repeat(90_000) };
    sam.store.commitAll(
      { user: 'Sam', department: 'Sales' },
      Array.from({ length: 60 }, () => ({ type: 'request.create' as const, target: randomUUID(), fields })),
    );
    await sam.sync.syncNow();
    const log = new ShareLayout(share).logDir(sam.store.deviceId);
    const sizes = readdirSync(log).map((name) => statSync(join(log, name)).size);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4 * 1024 * 1024);
    const eve = await machine(share, 'Eve', 'Engineering');
    expect((await eve.must('listRequests', { view: 'incoming' })).items).toHaveLength(60);
  });

  it('a junk file at a device’s next segment name moves no identity: the segment goes beside it and everyone reads it', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    const device = sam.store.deviceId;
    const layout = new ShareLayout(share);
    const next = layout.segmentPath(device, sam.store.flushedSeq + 1);
    writeFileSync(next, 'not a segment\n');
    const { id } = await sam.must('createRequest', laptopRequest());
    const status = await sam.sync.syncNow();
    expect(sam.store.deviceId).toBe(device);
    expect(status.problems.join(' ')).not.toMatch(/Another computer/);
    expect(readdirSync(layout.logDir(device)).filter((n) => n.includes('-detour-'))).toHaveLength(1);
    await eve.sync.syncNow();
    expect((await eve.must('listRequests', { view: 'incoming' })).items.map((r) => r.id)).toEqual([id]);
    // A crash just after the detour was written: the flushed position is the one before it.
    sam.close();
    const stateFile = join(sam.dataDir, 'store', 'sync-state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { flushedSeq: number };
    writeFileSync(stateFile, JSON.stringify({ ...state, flushedSeq: state.flushedSeq - 1 }));
    const again = await restarted(sam);
    const more = await again.must('createRequest', laptopRequest());
    await again.sync.syncNow();
    expect(again.store.deviceId).toBe(device);
    // The detour was recognised as this device's own: the new change went under its own name.
    expect(readdirSync(layout.logDir(device)).filter((n) => n.includes('-detour-'))).toHaveLength(1);
    await eve.sync.syncNow();
    expect((await eve.must('listRequests', { view: 'incoming' })).items.map((r) => r.id).sort()).toEqual([id, more.id].sort());
  });

  it('a device takes a new id at most once a day: a second clone within the day makes its changes wait, and says so', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const device = sam.store.deviceId;
    sam.store.reidentify();
    await sam.sync.syncNow();
    const renamed = sam.store.deviceId;
    // A copy of this installation writes the next segment under the new id.
    const clone = createOp(REQUEST_B, renamed, sam.store.flushedSeq + 1, Date.now(), 'From a copy');
    writeCraftedSegment(share, renamed, sam.store.flushedSeq + 1, asLines([clone]));
    await sam.must('createRequest', laptopRequest());
    const status = await sam.sync.syncNow();
    expect(sam.store.deviceId).toBe(renamed);
    expect(renamed).not.toBe(device);
    expect(status.pending).toBe(1);
    expect(status.problems.join(' ')).toContain('changed its id less than a day ago, so its changes wait here');
  });

  it('names people read: hidden characters are refused from the window and shown as codes when they come from the share; a file’s size and type are checked against its bytes', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const { id } = await sam.must('createRequest', laptopRequest());
    const rlo = '\u202e';
    const pdf = Buffer.from('%PDF-1.7 quote').toString('base64');
    const windowSays = async (method: 'addAttachment' | 'createRequest' | 'assignRequest', input: object) => {
      const r = await sam.call(method, input as never);
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(await windowSays('addAttachment', { id, name: `Payslip-${rlo}fdp.exe`, mime: 'application/pdf', data: pdf })).toContain('text-direction');
    expect(await windowSays('createRequest', { ...laptopRequest(), title: `Invoice ${rlo}gpj.exe` })).toContain('text-direction');
    expect(await windowSays('assignRequest', { id, assignee: `Ann\u0007` })).toContain('control');
    const program = Buffer.from('MZ\u0090\u0000program').toString('base64');
    expect(await windowSays('addAttachment', { id, name: 'Payslip.pdf', mime: 'application/pdf', data: program })).toBe(
      'The file says it is a PDF, but its contents are a Windows program. Attach it under its real type, or check where it came from.',
    );
    const text = Buffer.from('just text').toString('base64');
    expect(await windowSays('addAttachment', { id, name: 'scan.pdf', mime: 'application/pdf', data: text })).toContain(
      'The file says it is a PDF (application/pdf), but its contents are not.',
    );
    expect(await windowSays('addAttachment', { id, name: 'setup.txt', mime: 'text/plain', data: program })).toContain('its contents are a Windows program');
    expect(await windowSays('addAttachment', { id, name: 'quote.pdf', mime: 'application/pdf', data: pdf })).toBe('accepted');

    // From the share: a name that reads as a PDF, bytes that are a program, a size that is not theirs.
    await admitKey(sam, keyFromSeed('mallory').publicKey, 'Engineering', 'Eve');
    const bytes = Buffer.from('MZ\u0090\u0000program');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const layout = new ShareLayout(share);
    mkdirSync(layout.blobsDir, { recursive: true });
    writeFileSync(layout.blobPath(sha256), bytes);
    const attach = {
      ...commentOp(id, 'mallory', 1, Date.now(), ''),
      type: 'request.attach',
      fields: { name: `Payslip-${rlo}fdp.exe`, size: 3, sha256, mime: 'application/pdf' },
    };
    writeCraftedSegment(share, 'mallory', 1, asLines([attach]));
    await sam.sync.syncNow();
    const shown = (await sam.must('getRequest', { id })).attachments.find((a) => a.sha256 === sha256)!;
    expect(shown.name).toBe('Payslip-⟨U+202E⟩fdp.exe');
    const opened = await sam.call('getAttachment', { id, attachment: shown.id });
    expect(opened.ok ? 'opened' : opened.error.message).toBe(
      `“Payslip-⟨U+202E⟩fdp.exe” was not opened: The file is ${bytes.length} bytes, but its attachment says 3. Ask Eve to attach it again.`,
    );
  });

  it('a configuration seed dated before the shared folder was created is refused: the share’s first seed keeps its departments', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const before = (await sam.must('getConfig', {})).departments;
    const seed = {
      id: 'mallory:1',
      hlc: formatHlc({ wall: Date.UTC(2001, 0, 1), counter: 0, device: 'mallory' }),
      actor: { user: 'Mallory', department: 'IT' },
      type: 'config.seed',
      target: 'config',
      fields: { departments: { Shadow: defaultDepartmentConfig('Shadow', 'UTC') } },
    };
    const path = writeCraftedSegment(share, 'mallory', 1, asLines([seed]));
    const status = await sam.sync.syncNow();
    expect((await sam.must('getConfig', {})).departments).toEqual(before);
    expect(status.problems.join(' ')).toContain(
      `${asNamed(share, path)} cannot be used yet: operation mallory:1 is a configuration seed dated 2001-01-01T00:00:00.000Z`,
    );
  });

  it('a file that is whole and wrong is reported at once; one that may still be arriving only after it stays bad', async () => {
    const share = tempDir('interdesk-share-');
    const s = startServices(tempDir('interdesk-machine-'), undefined, { watch: false });
    cleanup.push(() => s.close());
    await s.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
    const bad = createOp(REQUEST_A, 'mallory', 1, Date.now());
    const whole = writeCraftedSegment(share, 'mallory', 1, asLines([{ ...bad, fields: { ...bad.fields, neededBy: '2026-02-31T10:00:00Z' } }]));
    const cut = writeCraftedSegment(share, 'trudy', 1, asLines([createOp(REQUEST_B, 'trudy', 1, Date.now())]));
    writeFileSync(cut, readFileSync(cut).subarray(0, 40));
    const problems = (await s.sync.syncNow()).problems.join('\n');
    expect(problems).toContain(`${asNamed(share, whole)} cannot be used yet: operation 1 is malformed.`);
    expect(problems).not.toContain(asNamed(share, cut));
  });

  it('an operation in the local log that this build cannot read (an older build let it in) is skipped and reported, and the app starts', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    sam.close();
    // A pulled segment of an older build's time: its first operation has a date that is not one.
    const bad = createOp(REQUEST_A, 'old-build', 1, Date.now(), 'Broken');
    const ops = [{ ...bad, fields: { ...bad.fields, neededBy: '2026-02-31T10:00:00Z' } }, createOp(REQUEST_B, 'old-build', 2, Date.now() + 1, 'Fine')];
    appendFileSync(join(sam.dataDir, 'store', 'operations.jsonl'), `[${ops.map((op) => JSON.stringify(op)).join(',\t')}]\n`);
    rmSync(join(sam.dataDir, 'store', 'snapshot.json'), { force: true });
    const again = await restarted(sam);
    expect(await ids(again)).toEqual([REQUEST_B]);
    // Its place in its device's run is kept: the next sync asks for the segment after it, not for it again.
    expect(again.store.maxSeq('old-build')).toBe(2);
    expect((await again.must('getSyncStatus', {})).problems).toContain(
      "1 change in this computer's log could not be read (let in by an older Interdesk) and is left out.",
    );
  });

  it('a device.json naming a colleague with hidden characters or a reserved name offers nobody', async () => {
    const share = tempDir('interdesk-share-');
    const layout = new ShareLayout(share);
    const devices = { plain: ['Ann', 'Engineering'], hidden: ['Bo\u202eb', 'Engineering'], reserved: ['Cy', 'constructor'] };
    for (const [device, [user, department]] of Object.entries(devices)) {
      mkdirSync(layout.deviceDir(device), { recursive: true });
      writeFileSync(layout.deviceFile(device), JSON.stringify({ deviceId: device, user, department, createdAt: new Date().toISOString() }));
    }
    const eve = await machine(share, 'Eve', 'Engineering');
    expect(eve.sync.colleagues('Engineering')).toEqual(['Ann']);
    expect(eve.sync.colleagues('constructor')).toEqual([]);
  });
});
