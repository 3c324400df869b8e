import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppStore } from '../../../renderer/src/state/store.js';
import type { CommentDraft } from '../../../renderer/src/state/slices/draftSlice.js';
import type { DraftShelf } from '../../../renderer/src/state/draftShelf.js';
import { MAX_DRAFTS } from '../../../renderer/src/state/draftShelf.js';
import { applyEvent } from '../../../renderer/src/state/applyEvent.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { selectAllowedMoves, selectOtherDepartments, selectSide } from '../../../renderer/src/state/selectors.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import type { TestServices } from '../../helpers/services.js';
import { startServices } from '../../helpers/services.js';
import { laptopRequest } from '../../helpers/requestInputs.js';
import { startClockTicks } from '../../../electron/services/events.js';

let s: TestServices;
let store: AppStore;
const state = () => store.getState();
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  s = startServices();
  store = createAppStore(inProcessClient(s));
});
afterEach(() => s.dispose());

async function setUpAsSales() {
  await state().loadSession();
  expect(await state().completeSetup({ name: 'Sam', department: 'Sales', sharePath: `${s.dataDir}/share` })).toBeNull();
}

describe('session actions', () => {
  it('loadSession on first run leaves the profile empty and loads no list', async () => {
    await state().loadSession();
    expect(state().session?.profile).toBeNull();
    expect(state().list).toBeNull();
  });

  it('completeSetup stores the profile and loads the (empty) Incoming queue', async () => {
    await setUpAsSales();
    expect(state().session?.profile).toEqual({ name: 'Sam', department: 'Sales' });
    expect(state().list).toEqual({
      items: [],
      total: 0,
      counts: { incoming: 0, escalated: 0, outgoing: 0, waiting: 0, assigned: 0, watching: 0, all: 0 },
      members: [],
    });
    expect(state().listState).toBe('ready');
  });

  it('completeSetup answers the service error and changes nothing', async () => {
    await state().loadSession();
    const err = await state().completeSetup({ name: '', department: 'Sales', sharePath: '/tmp/x' });
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Your name is required.' });
    expect(state().session?.profile).toBeNull();
  });

  it('switchDepartment reloads the queue for the new department and closes the open request', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    expect(state().selectedId).not.toBeNull();
    expect(await state().switchDepartment('Engineering')).toBeNull();
    expect(state().selectedId).toBeNull();
    expect(state().view).toBe('outgoing');
    await state().setView('incoming');
    expect(state().list?.items.map((r) => r.title)).toEqual(['Laptop for Dana']);
    expect(selectOtherDepartments(state())).not.toContain('Engineering');
  });
});

describe('queue selectors', () => {
  it('answer the same array while nothing changed, per store, even when another store is read in between', async () => {
    await setUpAsSales();
    await s.must('createRequest', laptopRequest());
    await state().setView('outgoing');
    const other = createAppStore(inProcessClient(s));
    // Narrowed by words, so each answer is an array of its own.
    store.setState({ query: 'laptop' });
    other.setState({ query: 'laptop', list: { ...state().list!, items: [...state().list!.items] } });
    const first = store.selectors.visibleItems(state());
    expect(other.selectors.visibleItems(other.getState())).not.toBe(first);
    expect(store.selectors.visibleItems(state())).toBe(first);
    expect(store.selectors.queueRows(state())).toBe(store.selectors.queueRows(state()));
  });
});

describe('queue actions', () => {
  it('setView loads that view, and setShowClosed is remembered per view', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    await state().setView('incoming');
    expect(state().list?.items).toEqual([]);
    await state().setShowClosed(true);
    await state().setView('outgoing');
    expect(state().showClosed).toEqual({ incoming: true, escalated: false, outgoing: true, waiting: false, assigned: false, watching: true, all: false });
    expect(state().list?.items).toHaveLength(1);
  });
});

describe('request actions', () => {
  it('createRequest closes the form, shows Outgoing and opens the new request', async () => {
    await setUpAsSales();
    state().startRequest();
    expect(state().composing).toBe(true);
    expect(await state().createRequest(laptopRequest())).toBeNull();
    expect(state().composing).toBe(false);
    expect(state().view).toBe('outgoing');
    expect(state().detail?.title).toBe('Laptop for Dana');
    expect(state().list?.counts.outgoing).toBe(1);
    expect(selectSide(state())).toBe('requester');
    expect(selectAllowedMoves(state())).toEqual(['cancelled']);
  });

  it('createRequest keeps the form open and answers the error when the service refuses', async () => {
    await setUpAsSales();
    state().startRequest();
    const err = await state().createRequest({ ...laptopRequest(), neededBy: '2020-01-01T00:00:00Z' });
    expect(err?.message).toMatch(/already passed/);
    expect(state().composing).toBe(true);
  });

  it('changeStatus and addComment update the open request', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    await state().switchDepartment('Engineering');
    await state().setView('incoming');
    await state().openRequest(state().list!.items[0]!.id);
    expect(selectAllowedMoves(state())).toEqual(['acknowledged', 'declined']);
    expect(await state().changeStatus('acknowledged')).toBeNull();
    expect(await state().addComment('On it')).toBeNull();
    expect(state().detail).toMatchObject({ status: 'acknowledged', comments: [{ body: 'On it' }] });
  });

  it('changeStatus answers a refused transition and leaves the request as it was', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    const err = await state().changeStatus('done');
    expect(err?.code).toBe('invalid_transition');
    expect(state().detail?.status).toBe('new');
  });

  it('closeRequest clears the selection', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    state().closeRequest();
    expect(state()).toMatchObject({ selectedId: null, detail: null, detailState: 'idle' });
  });
});

describe('service-level actions', () => {
  async function openAsEngineering() {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    await state().switchDepartment('Engineering');
    await state().setView('incoming');
    await state().openRequest(state().list!.items[0]!.id);
  }

  it('changePriority and a pause with reason and resume date update the open request', async () => {
    await openAsEngineering();
    expect(await state().changePriority('P1')).toBeNull();
    expect(state().detail).toMatchObject({ priority: 'P1', sla: { resolution: { targetMinutes: 240 } } });
    await state().changeStatus('acknowledged');
    const resumeAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect(await state().changeStatus('waiting_on_requester', { note: 'Which model?', resumeAt })).toBeNull();
    expect(state().detail?.sla?.resolution).toMatchObject({ state: 'paused', pauseReason: 'Which model?', resumesAt: resumeAt });
  });

  it('assignRequest takes the open request, and gives it back', async () => {
    await openAsEngineering();
    expect(await state().assignRequest('Sam')).toBeNull();
    expect(state().detail).toMatchObject({ assignee: 'Sam', assignedBy: 'Sam' });
    expect(await state().assignRequest(null)).toBeNull();
    expect(state().detail?.assignee).toBeNull();
  });

  it('changePriority answers a refusal and leaves the request as it was', async () => {
    await setUpAsSales();
    await state().createRequest(laptopRequest());
    expect((await state().changePriority('P1'))?.code).toBe('forbidden');
    expect(state().detail?.priority).toBe('P2');
  });

  it('saveCurrentView keeps view, search and filters; applySavedView brings them back', async () => {
    await setUpAsSales();
    await state().setView('outgoing');
    state().setQuery('laptop');
    state().setFilters({ priority: 'P2', sort: 'age' });
    expect(await state().saveCurrentView('Laptops')).toBeNull();
    state().setQuery('');
    state().setFilters({ priority: 'any', sort: 'due' });
    await state().setView('incoming');
    await state().applySavedView(state().preferences!.savedViews[0]!);
    expect(state()).toMatchObject({ view: 'outgoing', query: 'laptop', filters: { priority: 'P2', sort: 'age' } });
    expect(await state().deleteSavedView('Laptops')).toBeNull();
    expect(state().preferences?.savedViews).toEqual([]);
  });

  it('openSettings shows the settings and closes the open request; setView goes back to a queue', async () => {
    await openAsEngineering();
    state().openSettings();
    expect(state()).toMatchObject({ screen: 'settings', selectedId: null });
    await state().setView('outgoing');
    expect(state().screen).toBe('queue');
  });

  it('saveDepartmentConfig and addDepartment replace the configuration; a refusal changes nothing', async () => {
    await setUpAsSales();
    expect(state().config?.departments).toHaveLength(8);
    const sales = state().config!.departments.find((d) => d.name === 'Sales')!.config;
    const calendar = { ...sales.calendar, closures: [...sales.calendar.closures, '2026-12-31'] };
    expect(await state().saveDepartmentConfig({ department: 'Sales', section: 'calendar', value: calendar })).toBeNull();
    expect(state().config!.departments.find((d) => d.name === 'Sales')!.config.calendar.closures).toContain('2026-12-31');
    const refused = await state().saveDepartmentConfig({ department: 'Nowhere', section: 'calendar', value: calendar });
    expect(refused?.code).toBe('invalid_input');
    expect(state().config!.departments.map((d) => d.name)).not.toContain('Nowhere');
    expect(await state().addDepartment('Legal')).toBeNull();
    expect(state().config!.departments.map((d) => d.name)).toContain('Legal');
  });
});

describe('pushed events', () => {
  it('a change made elsewhere reloads the list and the open request, with no polling', async () => {
    await setUpAsSales();
    const unsubscribe = s.events.subscribe((e) => applyEvent(store, e));
    const created = await state().createRequest(laptopRequest());
    expect(created).toBeNull();
    const id = state().selectedId!;
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('changeStatus', { id, status: 'acknowledged' });
    await settle();
    expect(state().session?.profile?.department).toBe('Engineering');
    expect(state().detail?.status).toBe('acknowledged');
    unsubscribe();
  });

  it('a change naming a few requests patches their rows: the same list and counts a whole reload gives, for far fewer rows', async () => {
    await setUpAsSales();
    const made: string[] = [];
    for (const title of ['Printer jammed', 'VPN drops', 'New hire laptop']) made.push((await s.must('createRequest', { ...laptopRequest(), title })).id);
    expect(await state().switchDepartment('Engineering')).toBeNull();
    await state().setView('incoming');
    expect(state().list!.items).toHaveLength(3);
    const asked: number[] = [];
    const counting = createAppStore({
      ...inProcessClient(s),
      listRequests: (input) => (asked.push(input.only?.length ?? Infinity), inProcessClient(s).listRequests(input)),
    });
    await counting.getState().loadSession();
    asked.length = 0;

    // Elsewhere: one request is done (it leaves the open queue), one gets a new priority, one arrives.
    await s.must('changeStatus', { id: made[0]!, status: 'declined', note: 'Duplicate' });
    await s.must('changePriority', { id: made[2]!, priority: 'P1' });
    await s.must('updateProfile', { department: 'Sales' });
    const arrived = (await s.must('createRequest', { ...laptopRequest(), title: 'Badge reader' })).id;
    await s.must('updateProfile', { department: 'Engineering' });
    applyEvent(counting, { name: 'requestsChanged', payload: { ids: [made[0]!, made[2]!, arrived] } });
    await settle();

    expect(asked).toEqual([3]);
    const whole = await s.must('listRequests', { view: 'incoming' });
    const patched = counting.getState().list!;
    expect(patched.items.map((r) => [r.title, r.priority, r.status])).toEqual(whole.items.map((r) => [r.title, r.priority, r.status]));
    expect(patched.items.map((r) => r.title)).toEqual(['New hire laptop', 'VPN drops', 'Badge reader']);
    expect(patched.counts).toEqual(whole.counts);
    expect(patched.total).toBe(3);

    // "Many" (no names) lists the queue whole.
    applyEvent(counting, { name: 'requestsChanged', payload: { ids: [] } });
    await settle();
    expect(asked).toEqual([3, Infinity]);
  });

  it('a change while searching the overview lists it once, with its search', async () => {
    await setUpAsSales();
    const asked: string[] = [];
    const counting = createAppStore({ ...inProcessClient(s), listRequests: (input) => (asked.push(input.view), inProcessClient(s).listRequests(input)) });
    await counting.getState().loadSession();
    await counting.getState().setView('all');
    counting.getState().setQuery('laptop');
    await new Promise((r) => setTimeout(r, 200));
    asked.length = 0;
    const made = await s.must('createRequest', laptopRequest());
    applyEvent(counting, { name: 'requestsChanged', payload: { ids: [made.id] } });
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toEqual(['all']);
    expect(counting.getState().list!.items.map((r) => r.id)).toContain(made.id);
  });

  it('a configuration change made elsewhere replaces the configuration and the session’s departments', async () => {
    await setUpAsSales();
    const unsubscribe = s.events.subscribe((e) => applyEvent(store, e));
    await s.must('addDepartment', { name: 'Legal' });
    await settle();
    expect(state().config!.departments.map((d) => d.name)).toContain('Legal');
    expect(state().session?.departments).toContain('Legal');
    unsubscribe();
  });
});

describe('clocks that move with no change', () => {
  it('a minute’s tick from main reloads the rows and the open request with their clocks as of now', async () => {
    let clock = Date.now();
    const t = startServices(undefined, () => clock);
    const tStore = createAppStore(inProcessClient(t));
    const unsubscribe = t.events.subscribe((e) => applyEvent(tStore, e));
    const stopTicks = startClockTicks(t.events, () => clock, 10);
    try {
      await tStore.getState().loadSession();
      await tStore.getState().completeSetup({ name: 'Eve', department: 'Engineering', sharePath: `${t.dataDir}/share` });
      const allDay = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), closures: [] };
      await t.must('saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: allDay });
      await t.must('updateProfile', { department: 'Sales' });
      const r = await t.must('createRequest', laptopRequest('Engineering'));
      await t.must('updateProfile', { department: 'Engineering' });
      await settle();
      await tStore.getState().openRequest(r.id);
      const before = tStore.getState().list!.items[0]!.sla!.response.remainingMinutes;
      clock += 30 * 60_000;
      await settle();
      await settle();
      expect(tStore.getState().list!.items[0]!.sla!.response.remainingMinutes).toBe(before - 30);
      expect(tStore.getState().detail!.sla!.response.remainingMinutes).toBe(before - 30);
    } finally {
      stopTicks();
      unsubscribe();
      t.dispose();
    }
  });
});

describe('actions on the request page and on a selection', () => {
  async function openOutgoing() {
    await setUpAsSales();
    expect(await state().createRequest(laptopRequest())).toBeNull();
    return state().selectedId!;
  }

  it('addComment with internal keeps a note apart from the replies', async () => {
    await openOutgoing();
    expect(await state().addComment('Ask Dana about the colour', true)).toBeNull();
    expect(state().detail!.notes.map((n) => n.body)).toEqual(['Ask Dana about the colour']);
    expect(state().detail!.comments).toEqual([]);
  });

  it('editDraft keeps a draft per request; sendDraft sends the open one’s and clears it', async () => {
    const first = await openOutgoing();
    state().editDraft({ body: 'Half a thought' });
    expect(await state().createRequest({ ...laptopRequest(), title: 'Desk lamp' })).toBeNull();
    const second = state().selectedId!;
    expect(state().drafts[second]).toBeUndefined();
    state().editDraft({ body: 'Lamp colour?', internal: true });
    expect(await state().sendDraft()).toBeNull();
    expect(state().detail!.notes.map((n) => n.body)).toEqual(['Lamp colour?']);
    expect(state().drafts).toEqual({ [first]: { body: 'Half a thought', internal: false } });
    await state().openRequest(first);
    expect(state().detail!.comments).toEqual([]);
    expect(state().detail!.notes).toEqual([]);
    // Emptied by hand: nothing is kept for it.
    state().editDraft({ body: '' });
    expect(state().drafts).toEqual({});
    expect(await state().sendDraft()).toBeNull();
    expect(state().detail!.comments).toEqual([]);
  });

  it('drafts are kept on the shelf given, come back with a new store, and the oldest give way past the limit', async () => {
    let shelved: Record<string, CommentDraft> = {};
    const shelf: DraftShelf = { load: () => shelved, save: (d) => void (shelved = { ...d }) };
    const withShelf = createAppStore(inProcessClient(s), { drafts: shelf });
    await withShelf.getState().loadSession();
    expect(await withShelf.getState().completeSetup({ name: 'Sam', department: 'Sales', sharePath: `${s.dataDir}/share` })).toBeNull();
    expect(await withShelf.getState().createRequest(laptopRequest())).toBeNull();
    const id = withShelf.getState().selectedId!;
    withShelf.getState().editDraft({ body: 'Which colour?' });
    expect(shelved).toEqual({ [id]: { body: 'Which colour?', internal: false } });

    const again = createAppStore(inProcessClient(s), { drafts: shelf });
    expect(again.getState().drafts).toEqual({ [id]: { body: 'Which colour?', internal: false } });
    await again.getState().loadSession();
    await again.getState().openRequest(id);
    expect(await again.getState().sendDraft()).toBeNull();
    expect(shelved).toEqual({});

    shelved = Object.fromEntries(Array.from({ length: MAX_DRAFTS }, (_, i) => [`old-${i}`, { body: `draft ${i}`, internal: false }]));
    const full = createAppStore(inProcessClient(s), { drafts: shelf });
    await full.getState().loadSession();
    await full.getState().openRequest(id);
    full.getState().editDraft({ body: 'Newest' });
    expect(Object.keys(shelved)).toHaveLength(MAX_DRAFTS);
    expect(shelved['old-0']).toBeUndefined();
    expect(shelved[id]).toEqual({ body: 'Newest', internal: false });
  });

  it('watchRequest toggles the watch; a second watch answers why not', async () => {
    await openOutgoing();
    expect(await state().watchRequest(true)).toBeNull();
    expect(state().detail!.watchers).toEqual(['Sam']);
    expect((await state().watchRequest(true))?.message).toBe('You already watch this request.');
    expect(await state().watchRequest(false)).toBeNull();
    expect(state().detail!.watchers).toEqual([]);
  });

  it('linkRequest links the open request to another by its key, and unlinks it', async () => {
    const first = await openOutgoing();
    const firstKey = state().detail!.key;
    expect(await state().createRequest({ ...laptopRequest(), title: 'Second' })).toBeNull();
    expect(await state().linkRequest('duplicate', firstKey, true)).toBeNull();
    expect(state().detail!.links).toEqual([expect.objectContaining({ kind: 'duplicate', direction: 'to', other: first })]);
    expect(await state().linkRequest('duplicate', first, false)).toBeNull();
    expect(state().detail!.links).toEqual([]);
  });

  it('addAttachment adds a file and getAttachment gives its bytes back', async () => {
    await openOutgoing();
    expect(await state().addAttachment({ name: 'notes.txt', mime: 'text/plain', data: Buffer.from('hello').toString('base64') })).toBeNull();
    const [file] = state().detail!.attachments;
    expect(file).toMatchObject({ name: 'notes.txt', size: 5 });
    const got = await state().getAttachment(file!.id);
    expect('data' in got && Buffer.from(got.data, 'base64').toString()).toBe('hello');
    const missing = await state().getAttachment('nope:1');
    expect('message' in missing && missing.message).toBe('That attachment is not on this request.');
  });

  it('toggleChecked and setChecked keep the selection; bulkUpdate acts on it and clears it', async () => {
    await setUpAsSales();
    const ids: string[] = [];
    for (const title of ['One', 'Two']) ids.push((await s.must('createRequest', { ...laptopRequest(), title })).id);
    await state().switchDepartment('Engineering');
    state().toggleChecked(ids[0]!);
    state().toggleChecked(ids[1]!);
    state().toggleChecked(ids[1]!);
    expect([...state().checked]).toEqual([ids[0]]);
    state().setChecked(ids);
    const result = await state().bulkUpdate({ kind: 'acknowledge' });
    expect(result).toEqual({ done: ids, skipped: [] });
    expect(state().checked.size).toBe(0);
  });
});
