import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import type { TestServices } from '../helpers/services.js';
import { setUpAs, startServices } from '../helpers/services.js';
import { inDays, laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();

function machine(dataDir?: string): TestServices {
  const s = startServices(dataDir);
  cleanup.push(() => s.dispose());
  return s;
}

/** Around the clock, every day: due dates are plain arithmetic whenever the test runs. */
const ALWAYS: BusinessCalendar = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), closures: [] };
const H = 3_600_000;

describe('department configuration through the contract', () => {
  it('a new install is seeded with every default department, its catalog, calendar and policy', async () => {
    const s = machine();
    await setUpAs(s, 'Eve', 'Engineering');
    const { departments } = await s.must('getConfig', {});
    expect(departments.map((d) => d.name)).toEqual(['Customer Service', 'Engineering', 'Facilities', 'HR', 'IT', 'Payroll', 'Sales', 'Supply']);
    const it = departments.find((d) => d.name === 'IT')!.config;
    expect(it.calendar.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(it.catalog.map((t) => t.name)).toEqual(['Hardware', 'Access to a system', 'Something is broken', 'General request']);
    expect(it.policy.atRisk).toEqual([0.5, 0.75]);
  });

  it('leads change their own department’s settings; others are refused; the change survives a restart', async () => {
    const admin = machine();
    await setUpAs(admin, 'Sam', 'Sales');
    const s = machine();
    await s.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: join(admin.dataDir, 'shared-folder') });
    const refused = await s.call('saveDepartmentConfig', { department: 'IT', section: 'calendar', value: ALWAYS });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Only a lead of IT (or an admin) changes its configuration: its calendar, policy, catalog, templates and recurring requests.',
      },
    });
    await s.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    expect(s.received.map((e) => e.name)).toContain('configChanged');
    const again = s.reopen();
    cleanup.push(() => again.close());
    const eng = (await again.must('getConfig', {})).departments.find((d) => d.name === 'Engineering')!;
    expect(eng.config.calendar).toEqual(ALWAYS);
  });

  it('adds a department that everyone can then send requests to, and refuses a duplicate', async () => {
    const s = machine();
    await setUpAs(s, 'Sam', 'Sales');
    await s.must('addDepartment', { name: 'Legal' });
    expect((await s.must('getSession', {})).departments).toContain('Legal');
    expect(await s.call('addDepartment', { name: 'legal' })).toMatchObject({ ok: false, error: { message: 'There is already a department called Legal.' } });
    const r = await s.must('createRequest', { ...laptopRequest('Legal'), typeId: 'general' });
    expect(r.toDepartment).toBe('Legal');
  });
});

describe('requests made from the catalog', () => {
  it('refuses an unknown type with the choices, and a form with missing or wrong answers with each problem', async () => {
    const s = machine();
    await setUpAs(s, 'Sam', 'Sales');
    expect(await s.call('createRequest', { ...laptopRequest('IT'), typeId: 'printer' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'IT has no request type “printer”. Choose one of: Hardware, Access to a system, Something is broken, General request.',
      },
    });
    const r = await s.call('createRequest', { ...laptopRequest('IT'), typeId: 'hardware', form: { item: 'Toaster', quantity: 'two' } });
    expect(r).toMatchObject({ ok: false, error: { message: 'Item must be one of: Laptop, Monitor, Headset, Phone, Other. Quantity must be a number.' } });
  });

  it('stores the answers, and marks short notice only when the date is sooner than the lead time', async () => {
    const s = machine();
    await setUpAs(s, 'Sam', 'Sales');
    const form = { item: 'Laptop', quantity: '1', costCentre: ' ' };
    const soon = await s.must('createRequest', { ...laptopRequest('IT'), typeId: 'hardware', neededBy: inDays(1), form });
    expect(soon).toMatchObject({ type: 'Hardware', typeId: 'hardware', form: { item: 'Laptop', quantity: '1' }, shortNotice: true, priority: 'P2' });
    expect(soon.form).not.toHaveProperty('costCentre');
    const later = await s.must('createRequest', { ...laptopRequest('IT'), typeId: 'hardware', neededBy: inDays(20), form, priority: undefined });
    expect(later).toMatchObject({ shortNotice: false, priority: 'P3' }); // the type's default priority
  });
});

describe('SLA clocks in rows and details', () => {
  async function engineeringWorksAroundTheClock() {
    const eve = machine();
    await setUpAs(eve, 'Eve', 'Engineering');
    await eve.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    await eve.must('updateProfile', { department: 'Sales' });
    const req = await eve.must('createRequest', { ...laptopRequest('Engineering'), priority: 'P3', neededBy: inDays(30) });
    await eve.must('updateProfile', { department: 'Engineering' });
    return { eve, req };
  }

  it('a row is due at the earlier of the needed-by date and the OLA target, and carries both clocks', async () => {
    const { eve, req } = await engineeringWorksAroundTheClock();
    const [row] = (await eve.must('listRequests', { view: 'incoming' })).items;
    const created = Date.parse(req.createdAt);
    expect(Date.parse(row!.olaDueAt!) - created).toBe(24 * H); // P3: 3 business days of 8 h
    expect(row!.dueAt).toBe(row!.olaDueAt);
    expect(row!.sla).toMatchObject({ response: { state: 'running', targetMinutes: 240 }, resolution: { state: 'running', targetMinutes: 1440 } });
  });

  it('only the provider re-prioritises; the target changes and the time already used stays', async () => {
    const { eve, req } = await engineeringWorksAroundTheClock();
    await eve.must('updateProfile', { department: 'Sales' });
    expect(await eve.call('changePriority', { id: req.id, priority: 'P1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await eve.must('updateProfile', { department: 'Engineering' });
    const d = await eve.must('changePriority', { id: req.id, priority: 'P1' });
    expect(d).toMatchObject({ priority: 'P1', sla: { resolution: { targetMinutes: 240 } } });
    expect(Date.parse(d.olaDueAt!) - Date.parse(req.createdAt)).toBe(4 * H);
    expect(d.history.at(-1)).toMatchObject({ kind: 'priority', from: 'P3', to: 'P1' });
    expect(d.timeline.at(-1)!.what).toBe('Priority changed to P1: 4 h to resolve');
    expect(await eve.call('changePriority', { id: req.id, priority: 'P1' })).toMatchObject({ ok: false, error: { message: 'The request is already P1.' } });
  });

  it('waiting on the requester pauses both clocks with the reason and the resume date; a past resume date is refused', async () => {
    const { eve, req } = await engineeringWorksAroundTheClock();
    await eve.must('changeStatus', { id: req.id, status: 'acknowledged' });
    const past = await eve.call('changeStatus', { id: req.id, status: 'waiting_on_requester', resumeAt: inDays(-1) });
    expect(past).toMatchObject({ ok: false, error: { message: expect.stringMatching(/resume date has already passed/) } });
    const resumeAt = new Date(Date.now() + 48 * H).toISOString();
    const d = await eve.must('changeStatus', { id: req.id, status: 'waiting_on_requester', note: 'Which model?', resumeAt });
    expect(d.sla!.resolution).toMatchObject({ state: 'paused', pauseReason: 'Which model?', resumesAt: resumeAt, dueAt: null });
    expect(d.sla!.response.state).toBe('met');
    expect(d.olaDueAt).toBeNull();
    expect(d.dueAt).toBe(d.neededBy); // while paused the agreed date is what is due
  });
});

describe('configuration travels like requests', () => {
  it('a calendar changed on one machine moves due dates on the other after a sync', async () => {
    const share = tempDir('interdesk-share-');
    const a = machine();
    await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
    const b = machine();
    await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
    const req = await a.must('createRequest', { ...laptopRequest('Engineering'), priority: 'P3', neededBy: inDays(30) });
    await b.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    await b.sync.syncNow();
    a.received.length = 0;
    await a.sync.syncNow();
    expect(a.received.map((e) => e.name)).toEqual(expect.arrayContaining(['configChanged', 'requestsChanged']));
    const row = (await a.must('listRequests', { view: 'outgoing' })).items.find((r) => r.id === req.id)!;
    expect(Date.parse(row.olaDueAt!) - Date.parse(req.createdAt)).toBe(24 * H);
    // One seed only: B joined a share that already had one.
    expect(b.store.operations().filter((op) => op.type === 'config.seed')).toHaveLength(1);
  });
});
