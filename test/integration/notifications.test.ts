import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openServices } from '../../electron/services/compose.js';
import { JsonFileSettings } from '../../electron/services/settings.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { realShareFs } from '../../electron/sync/shareFs.js';
import { REQUEST_A, createOp } from '../helpers/ops.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();

const ALWAYS: BusinessCalendar = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), closures: [] };
/** Closed today and tomorrow (UTC): whenever the test runs, it is outside working hours. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const CLOSED_NOW: BusinessCalendar = { ...ALWAYS, closures: [day(0), day(1)] };

/** Sam in Sales (A) and Eve in Engineering (B) on one shared folder; Engineering works around the clock. */
async function twoMachines() {
  const share = tempDir('interdesk-share-');
  const a = startServices();
  const b = startServices();
  cleanup.push(
    () => a.dispose(),
    () => b.dispose(),
  );
  await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
  await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
  for (const [m, dept] of [
    [a, 'Sales'],
    [b, 'Engineering'],
  ] as const)
    await m.must('saveDepartmentConfig', { department: dept, section: 'calendar', value: ALWAYS });
  const sync = async () => {
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
  };
  await sync();
  // The first look is the baseline: nothing that is already there is news.
  expect(a.notifications.evaluate()).toEqual([]);
  expect(b.notifications.evaluate()).toEqual([]);
  return { a, b, sync, share };
}

const notifications = (m: TestServices) => m.received.flatMap((e) => (e.name === 'notification' ? [e.payload] : []));

describe('notifications from real queues', () => {
  it('A sends to B’s department: B hears exactly once, also after a restart; each later step reaches the right person', async () => {
    const { a, b, sync } = await twoMachines();
    const req = await a.must('createRequest', laptopRequest('Engineering'));
    await sync();
    expect(b.notifications.evaluate()).toEqual([
      { id: `new:${req.id}`, kind: 'newRequest', title: 'New request from Sales', body: `Laptop for Dana (${req.key})`, requestId: req.id },
    ]);
    expect(notifications(b)).toHaveLength(1);
    expect(b.notifications.evaluate()).toEqual([]);
    expect(a.notifications.evaluate()).toEqual([]); // the sender is not told about their own request

    const restarted = b.reopen();
    cleanup.push(() => restarted.close());
    expect(restarted.notifications.evaluate()).toEqual([]);

    await restarted.must('addComment', { id: req.id, body: 'Which model?' });
    await restarted.sync.syncNow();
    await a.sync.syncNow();
    expect(a.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'reply', title: 'Engineering replied', requestId: req.id })]);
    await restarted.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await restarted.must('changeStatus', { id: req.id, status: 'done' });
    await restarted.sync.syncNow();
    await a.sync.syncNow();
    expect(a.notifications.evaluate()).toEqual([
      expect.objectContaining({ kind: 'done', title: 'Done: Laptop for Dana', requestId: req.id }),
      expect.objectContaining({ kind: 'satisfaction', title: 'Would you choose Engineering again for this?', requestId: req.id }),
    ]);
  });

  it('is quiet outside the department’s working hours and says what it held back when it opens', async () => {
    const { a, b, sync } = await twoMachines();
    await b.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: CLOSED_NOW });
    await a.must('createRequest', laptopRequest('Engineering'));
    await a.must('createRequest', { ...laptopRequest('Engineering'), title: 'Second' });
    await sync();
    expect(b.notifications.evaluate()).toEqual([]);
    await b.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    expect(b.notifications.evaluate()).toEqual([
      expect.objectContaining({ kind: 'summary', title: 'While notifications were quiet', body: '2 new requests', requestId: null }),
    ]);
  });

  it('the requesting side hears of a decline once, with the reason given', async () => {
    const { a, b, sync } = await twoMachines();
    const req = await a.must('createRequest', laptopRequest('Engineering'));
    await sync();
    expect(a.notifications.evaluate()).toEqual([]);
    await b.must('changeStatus', { id: req.id, status: 'declined', note: 'Laptops come from IT' });
    await sync();
    expect(a.notifications.evaluate()).toEqual([
      expect.objectContaining({ kind: 'declined', title: 'Engineering declined: Laptop for Dana', body: `${req.key} · Laptops come from IT` }),
    ]);
    expect(a.notifications.evaluate()).toEqual([]);
  });

  it('someone a request type’s catalog entry names hears of each new one, from another department, once', async () => {
    const { a, b, sync, share } = await twoMachines();
    // Engineering's lead wants Sam, in Sales, to hear of every order clarification.
    const catalog = (await b.must('getConfig', {})).departments.find((d) => d.name === 'Engineering')!.config.catalog;
    await b.must('saveDepartmentConfig', {
      department: 'Engineering',
      section: 'catalog',
      value: catalog.map((t) => (t.id === 'order-clarification' ? { ...t, notify: ['Sam'] } : t)),
    });
    const c = startServices();
    cleanup.push(() => c.dispose());
    await c.must('completeSetup', { name: 'Ivy', department: 'IT', sharePath: share });
    await sync();
    await c.sync.syncNow();
    const form = { order: '4711', question: 'Which revision ships?' };
    const asked = await c.must('createRequest', { ...laptopRequest('Engineering'), typeId: 'order-clarification', title: 'Order 4711: revision?', form });
    await c.must('createRequest', { ...laptopRequest('Engineering'), title: 'Not an order' });
    await c.sync.syncNow();
    await sync();
    expect(a.notifications.evaluate()).toEqual([
      expect.objectContaining({
        kind: 'typeNotify',
        title: 'New “Order clarification — customer waiting” for Engineering',
        body: `Order 4711: revision? (${asked.key}), from IT`,
      }),
    ]);
    expect(a.notifications.evaluate()).toEqual([]);
  });

  it('honours a pause and per-kind preferences', async () => {
    const { a, b, sync } = await twoMachines();
    await b.must('updatePreferences', { notifications: { newRequest: false } });
    await a.must('createRequest', laptopRequest('Engineering'));
    await sync();
    expect(b.notifications.evaluate()).toEqual([]);
    await b.must('updatePreferences', { notifications: { newRequest: true } });
    await b.must('pauseNotifications', { until: new Date(Date.now() + 3_600_000).toISOString() });
    await a.must('createRequest', { ...laptopRequest('Engineering'), title: 'While paused' });
    await sync();
    expect(b.notifications.evaluate()).toEqual([]);
    expect(b.notifications.tray()!.pausedLabel).toMatch(/^Notifications paused until/);
    await b.must('pauseNotifications', { until: null });
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest', body: expect.stringContaining('While paused') })]);
    expect(b.notifications.tray()!.tooltip).toBe('Engineering: 2 new');
  });
});

describe('joining a share in use', () => {
  it('takes its first look after the first sync, so what was already there is not news', async () => {
    const share = tempDir('interdesk-share-');
    const a = startServices();
    cleanup.push(() => a.dispose());
    await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
    for (let i = 0; i < 12; i++) {
      await a.must('createRequest', laptopRequest('Engineering'));
      await a.sync.syncNow();
    }
    // B's share holds its reads of segments after the fourth until the test lets them go: the
    // moment a first sync is half done.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let served = 0;
    const holding: ShareFs = {
      ...realShareFs,
      readFile: async (p, max) => {
        if (p.endsWith('.seg') && ++served > 4) await held;
        return realShareFs.readFile(p, max);
      },
    };
    const b = startServices(undefined, undefined, { fs: holding, watch: false });
    cleanup.push(() => b.dispose());
    const setUp = b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
    while (served <= 4) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(b.sync.busy).toBe(true);
    expect(b.notifications.evaluate()).toEqual([]);
    release();
    await setUp;
    expect(b.store.request((await a.must('listRequests', { view: 'outgoing' })).items[0]!.id)).toBeDefined();
    expect(b.notifications.evaluate()).toEqual([]);

    // Engineering works around the clock: outside working hours nothing would be said at all.
    await b.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    const next = await a.must('createRequest', laptopRequest('Engineering'));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest', requestId: next.id })]);
  });
});

describe('looking again after a change', () => {
  it('fetches only the rows a change named, and hears and shows what a whole listing would', async () => {
    // One fixed minute for both machines: the lists are listed whole again each new minute.
    const at = Date.parse('2026-11-23T10:00:20Z');
    const share = tempDir('interdesk-share-');
    const a = startServices(undefined, () => at);
    const b = startServices(undefined, () => at);
    cleanup.push(
      () => a.dispose(),
      () => b.dispose(),
    );
    await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
    await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
    await b.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    const first = await a.must('createRequest', laptopRequest('Engineering'));
    for (const m of [a, b, a, b]) await m.sync.syncNow();
    expect(b.notifications.evaluate()).toEqual([]); // the baseline: listed whole

    const handlers = (b.notifications as unknown as { deps: { handlers: { listRequests(input: { only?: string[] }): unknown } } }).deps.handlers;
    const asked = vi.spyOn(handlers, 'listRequests');
    const second = await a.must('createRequest', { ...laptopRequest('Engineering'), title: 'Desk lamp' });
    await a.must('changeStatus', { id: first.id, status: 'cancelled', note: 'Bought one ourselves' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest', requestId: second.id })]);
    expect(asked.mock.calls.map(([input]) => input.only?.sort())).toEqual(Array(3).fill([first.id, second.id].sort()));
    expect(b.notifications.tray()!.tooltip).toBe('Engineering: 1 new');
    expect(b.notifications.evaluate()).toEqual([]);
    expect(asked).toHaveBeenCalledTimes(3);

    // Mid-sync: operations are in, the event naming them is not yet (a pull names them at its end).
    // The tray redraws on every progress report; it must not list anything then.
    const arriving = createOp(REQUEST_A, 'elsewhere', 1, at - 1_000, 'Badge reader');
    b.store.ingest([arriving]);
    b.notifications.tray();
    expect(asked).toHaveBeenCalledTimes(3);
    b.events.emit({ name: 'requestsChanged', payload: { ids: [REQUEST_A] } });
    expect(b.notifications.evaluate()).toContainEqual(expect.objectContaining({ kind: 'newRequest', requestId: REQUEST_A }));
    expect(asked.mock.calls.slice(3).map(([input]) => input.only)).toEqual(Array(3).fill([REQUEST_A]));
  });
});

describe('waiting on us', () => {
  it('Engineering pauses a Sales request to ask something: Sales lists it under Waiting on us with what was asked and since when, its tray counts it, and it hears once', async () => {
    const { a, b, sync } = await twoMachines();
    const req = await a.must('createRequest', laptopRequest('Engineering'));
    await sync();
    await b.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await b.must('changeStatus', { id: req.id, status: 'waiting_on_requester', note: 'Which keyboard layout?' });
    await sync();

    const waiting = await a.must('listRequests', { view: 'waiting' });
    expect(waiting.counts.waiting).toBe(1);
    expect(waiting.items).toEqual([expect.objectContaining({ id: req.id, waiting: { since: expect.any(String), businessMinutes: expect.any(Number) } })]);
    expect(waiting.items[0]!.sla?.resolution.pauseReason).toBe('Which keyboard layout?');
    // Nothing waits on Engineering.
    expect((await b.must('listRequests', { view: 'waiting' })).items).toEqual([]);

    expect(a.notifications.evaluate()).toEqual([
      expect.objectContaining({ kind: 'waitingOnUs', title: 'Engineering waits on Sales', body: `Laptop for Dana (${req.key}): Which keyboard layout?` }),
    ]);
    expect(a.notifications.evaluate()).toEqual([]);
    expect(a.notifications.tray()).toMatchObject({ waitingOnUs: 1, attention: true, tooltip: 'Sales: 1 waiting on you' });

    // Sales answers: its reply resumes the request, and Engineering sees why in the history and the timeline.
    const answered = await a.must('addComment', { id: req.id, body: 'UK layout, please.' });
    expect(answered.status).toBe('in_progress');
    await sync();
    const seen = await b.must('getRequest', { id: req.id });
    expect(seen.status).toBe('in_progress');
    expect(seen.history.at(-1)).toMatchObject({ kind: 'status', from: 'waiting_on_requester', to: 'in_progress', note: "Resumed by Sales's reply" });
    expect(seen.timeline.map((t) => t.what)).toContainEqual(expect.stringContaining("Resumed by Sales's reply"));
    // Resumed, it waits on nobody; paused again, it is news again, unless Sales turned that kind off.
    expect((await a.must('listRequests', { view: 'waiting' })).items).toEqual([]);
    expect(a.notifications.tray()?.waitingOnUs).toBe(0);
    await a.must('updatePreferences', { notifications: { waitingOnUs: false } });
    await b.must('changeStatus', { id: req.id, status: 'waiting_on_requester', note: 'And the charger?' });
    await sync();
    expect(a.notifications.evaluate()).toEqual([]);
    expect(a.notifications.tray()?.waitingOnUs).toBe(1);
    // A requester's "in progress" that is not the resumption of its reply counts nowhere.
    a.store.commit({ user: 'Sam', department: 'Sales' }, { type: 'request.status', target: req.id, fields: { status: 'in_progress' } });
    await sync();
    expect((await b.must('getRequest', { id: req.id })).status).toBe('waiting_on_requester');
  });
});

describe('escalation', () => {
  it('the requesting side escalates a request once it runs late, with a reason; the provider’s lead sees it under Escalated, in the tray, and hears once', async () => {
    let now = Date.now();
    const s = startServices(tempDir('interdesk-esc-'), () => now);
    cleanup.push(() => s.dispose());
    await s.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: join(s.dataDir, 'shared-folder') });
    const req = await s.must('createRequest', { ...laptopRequest('Engineering'), neededBy: new Date(now + 86_400_000).toISOString() });
    expect(await s.call('escalateRequest', { id: req.id, reason: 'Customer waits' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', message: expect.stringContaining('The request is on time') },
    });
    // Two days on, nothing has happened: it is overdue, and Sales escalates it.
    now += 2 * 86_400_000;
    const escalated = await s.must('escalateRequest', { id: req.id, reason: 'The customer cancels on Friday' });
    expect(escalated.history.at(-1)).toMatchObject({ kind: 'escalated', reason: 'The customer cancels on Friday' });
    expect((await s.must('listRequests', { view: 'outgoing' })).items[0]?.escalated).toMatchObject({ reason: 'The customer cancels on Friday', count: 1 });

    // Sam also leads Engineering (he made the share): there it is escalated, counted and told.
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    expect(s.notifications.evaluate()).toEqual([]); // the first look in Engineering is its baseline
    const list = await s.must('listRequests', { view: 'escalated' });
    expect([list.counts.escalated, list.items.map((r) => r.id)]).toEqual([1, [req.id]]);
    expect(s.notifications.tray()).toMatchObject({ escalated: 1, tooltip: expect.stringContaining('1 escalated') });
    // A second escalation is news again; its side only: Engineering cannot escalate its own work.
    expect(await s.call('escalateRequest', { id: req.id, reason: 'Again' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    s.store.commit({ user: 'Sam', department: 'Engineering' }, { type: 'request.escalate', target: req.id, fields: { reason: 'Written anyway' } });
    expect((await s.must('getRequest', { id: req.id })).escalated).toMatchObject({ reason: 'The customer cancels on Friday', count: 1 });
    await s.must('updateProfile', { department: 'Sales' });
    now += 60_000;
    await s.must('escalateRequest', { id: req.id, reason: 'Still nothing' });
    await s.must('updateProfile', { department: 'Engineering' });
    expect(s.notifications.evaluate()).toEqual([
      expect.objectContaining({ kind: 'escalated', title: 'Sales escalated: Laptop for Dana', body: `${req.key} · Still nothing` }),
    ]);
  });
});

describe('the lead’s morning summary', () => {
  it('a lead hears once each business morning what is overdue in the department; the same day, nothing more', async () => {
    let now = Date.now();
    const s = startServices(tempDir('interdesk-morning-'), () => now);
    cleanup.push(() => s.dispose());
    await s.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: join(s.dataDir, 'shared-folder') });
    await s.must('createRequest', { ...laptopRequest('Engineering'), neededBy: new Date(now + 86_400_000).toISOString() });
    // Sam made the share, so he leads Engineering too.
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    s.notifications.evaluate(); // the baseline
    now += 3 * 86_400_000;
    const said = s.notifications.evaluate();
    expect(said.map((n) => [n.kind, n.title])).toEqual([
      ['breached', 'Overdue: Laptop for Dana'],
      ['breached', 'Overdue: Laptop for Dana'],
      ['morningSummary', 'Engineering this morning: 0 breached yesterday, 1 overdue now'],
    ]);
    now += 60 * 60_000;
    expect(s.notifications.evaluate().filter((n) => n.kind === 'morningSummary')).toEqual([]);
    now += 86_400_000;
    expect(s.notifications.evaluate().map((n) => n.title)).toEqual(['Engineering this morning: 0 breached yesterday, 1 overdue now']);
  });
});

describe('watching', () => {
  it('someone watching another department’s request hears of its changes, not of starting to watch', async () => {
    const { a, b, sync } = await twoMachines();
    const req = await a.must('createRequest', laptopRequest('IT'));
    await sync();
    b.received.length = 0;
    await b.must('watchRequest', { id: req.id, watching: true });
    expect(b.notifications.evaluate()).toEqual([]);
    await a.must('changeStatus', { id: req.id, status: 'cancelled', note: 'Bought one ourselves' });
    await sync();
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'watched', title: 'Cancelled: Laptop for Dana', requestId: req.id })]);
    expect(b.notifications.evaluate()).toEqual([]);
    expect(notifications(b)).toHaveLength(1);
  });
});

describe('assignment', () => {
  it('a colleague assigns a request to me: I am told; taking one myself tells nobody', async () => {
    const { a, b, sync, share } = await twoMachines();
    const ed = startServices();
    cleanup.push(() => ed.dispose());
    const req = await a.must('createRequest', laptopRequest('Engineering'));
    await sync();
    await ed.must('completeSetup', { name: 'Ed', department: 'Engineering', sharePath: share });
    expect(ed.notifications.evaluate()).toEqual([]);
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest' })]);

    await ed.must('assignRequest', { id: req.id, assignee: 'Ed' });
    const handed = await ed.must('assignRequest', { id: req.id, assignee: 'Eve' });
    expect(handed).toMatchObject({ assignee: 'Eve', assignedBy: 'Ed' });
    expect(handed.history.slice(-2).map((h) => (h.kind === 'assigned' ? h.to : h.kind))).toEqual(['Ed', 'Eve']);
    expect(await ed.call('assignRequest', { id: req.id, assignee: 'Eve' })).toMatchObject({
      ok: false,
      error: { message: 'The request is already assigned to Eve.' },
    });
    expect(await a.call('assignRequest', { id: req.id, assignee: 'Sam' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ed.notifications.evaluate()).toEqual([]); // Ed took it himself: nothing to tell him

    await ed.sync.syncNow();
    await b.sync.syncNow();
    expect(b.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'assigned', title: 'Ed assigned you a request', requestId: req.id })]);
    const [row] = (await b.must('listRequests', { view: 'incoming' })).items;
    expect(row).toMatchObject({ assignee: 'Eve' });
    const mine = await b.must('listRequests', { view: 'assigned' });
    expect(mine).toMatchObject({ items: [{ id: req.id }], counts: { assigned: 1 } });
    expect((await ed.must('listRequests', { view: 'assigned' })).items).toEqual([]);
  });
});

describe('preferences', () => {
  it('saved views are kept across a restart, replaced by name, and deleted', async () => {
    const s = startServices();
    cleanup.push(() => s.dispose());
    const filters = { status: 'any', priority: 'P1', due: 'today', shortNotice: false, sort: 'priority' } as const;
    await s.must('saveView', { name: 'Urgent', view: 'incoming', query: 'laptop', filters });
    await s.must('saveView', { name: 'Mine', view: 'assigned', query: '', filters: { ...filters, priority: 'any' } });
    await s.must('saveView', { name: 'urgent', view: 'incoming', query: 'printer', filters });
    const again = s.reopen();
    cleanup.push(() => again.close());
    const { savedViews } = await again.must('getPreferences', {});
    expect(savedViews.map((v) => [v.name, v.query])).toEqual([
      ['urgent', 'printer'],
      ['Mine', ''],
    ]);
    expect((await again.must('deleteView', { name: 'Mine' })).savedViews.map((v) => v.name)).toEqual(['urgent']);
    expect(await again.call('deleteView', { name: 'Mine' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('start at login goes through the injected login item, and is refused where there is none', async () => {
    const dataDir = tempDir('interdesk-prefs-');
    const calls: boolean[] = [];
    const services = openServices({
      dataDir,
      settings: new JsonFileSettings(join(dataDir, 'settings.json')),
      sync: false,
      loginItem: { set: (v) => calls.push(v) },
    });
    cleanup.push(() => services.close());
    expect(await services.dispatch('updatePreferences', { openAtLogin: true })).toMatchObject({ ok: true, value: { openAtLogin: true } });
    expect(calls).toEqual([true]);
    const s = startServices();
    cleanup.push(() => s.dispose());
    expect(await s.call('updatePreferences', { openAtLogin: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/desktop app/) } });
    expect(await s.call('pauseNotifications', { until: '2020-01-01T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already passed/) },
    });
  });
});
