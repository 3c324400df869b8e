import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/contract/methods.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import { apiInputSchemas } from '../../shared/contract/schemas.js';
import type { TestServices } from '../helpers/services.js';
import { laptopRequest, setUpAs, startServices } from '../helpers/services.js';

const ID = '6f1c2a8e-1111-4a2b-9c3d-123456789abc';

/** For every method: payloads that must be refused, and a phrase the refusal must contain. */
const malformed: Record<ApiMethod, [unknown, RegExp][]> = {
  getSession: [
    [{ extra: 1 }, /Unexpected field\(s\): extra/],
    ['text', /expected object|Invalid input/i],
  ],
  completeSetup: [
    [{}, /Your name is required.*Your department is required.*Shared folder is required/],
    [{ name: '  ', department: 'Sales', sharePath: '/tmp/x' }, /Your name is required/],
    [{ name: 'A', department: 42, sharePath: '/tmp/x' }, /Your department must be text/],
    [{ name: 'x'.repeat(81), department: 'Sales', sharePath: '/tmp/x' }, /Your name is too long/],
  ],
  updateProfile: [
    [{ department: '' }, /Department is required/],
    [{ role: 'admin' }, /Unexpected field\(s\): role/],
  ],
  listRequests: [
    [{}, /View is required/],
    [{ view: 'everything' }, /View must be incoming, outgoing, assigned, watching or all/],
    [{ view: 'incoming', includeClosed: 'yes' }, /Include closed must be true or false/],
  ],
  searchRequests: [
    [{ view: 'incoming' }, /Search is required/],
    [{ query: 'x'.repeat(201), view: 'incoming' }, /The search is too long/],
    [{ query: 'laptop', view: 'mine' }, /View must be/],
  ],
  watchRequest: [
    [{ id: ID }, /Watching is required/],
    [{ id: ID, watching: 'yes' }, /Watching must be true or false/],
  ],
  linkRequest: [
    [{ id: ID, kind: 'sibling', other: 'ABC123', linked: true }, /Link must be parent or duplicate/],
    [{ id: ID, kind: 'parent', other: ' ', linked: true }, /Other request is required/],
    [{ id: ID, kind: 'parent', other: 'ABC123' }, /Linked is required/],
  ],
  bulkUpdate: [
    [{ ids: [], action: { kind: 'acknowledge' } }, /Select at least one request/],
    [{ ids: [ID], action: { kind: 'close' } }, /Action must be acknowledge or assign/],
    [{ ids: ['nope'], action: { kind: 'acknowledge' } }, /not a request id/],
    [{ ids: Array.from({ length: 1001 }, () => ID), action: { kind: 'acknowledge' } }, /At most 1,000 requests at once/],
  ],
  addAttachment: [
    [{ id: ID, name: 'a.txt' }, /File is required/],
    [{ id: ID, name: '../a.txt', data: 'aGk=' }, /cannot contain slashes/],
    [{ id: ID, name: 'a.txt', data: 'not base64!' }, /File must be the file’s bytes in base64/],
    [{ id: ID, name: 'big.bin', data: 'A'.repeat(((10 * 1024 * 1024) / 3) * 4 + 8) }, /larger than 10 MB/],
  ],
  getAttachment: [[{ id: ID }, /Attachment is required/]],
  getRequest: [
    [{}, /Request id is required/],
    [{ id: '../../etc/passwd' }, /not a request id/],
  ],
  createRequest: [
    [{}, /To department is required.*Request type is required.*Title is required.*Needed-by is required/],
    [{ ...laptopRequest(), form: { quantity: 2 } }, /Every form answer must be text/],
    [{ ...laptopRequest(), priority: 'urgent' }, /Priority must be one of P1, P2, P3, P4/],
    [{ ...laptopRequest(), neededBy: 'next Tuesday' }, /Needed-by must be an ISO-8601 date and time/],
    [{ ...laptopRequest(), title: 't'.repeat(201) }, /Title is too long/],
    [{ ...laptopRequest(), details: 7 }, /Details must be text/],
  ],
  changeStatus: [
    [{ id: ID }, /Status is required/],
    [{ id: ID, status: 'finished' }, /Status must be one of new, acknowledged/],
    [{ id: ID, status: 'done', note: 5 }, /Note must be text/],
    [{ id: ID, status: 'done', resumeAt: '2026-12-01T08:00:00Z' }, /A resume date only goes with waiting on requester/],
    [{ id: ID, status: 'waiting_on_requester', resumeAt: 'Monday' }, /Resume date must be an ISO-8601 date/],
  ],
  changePriority: [
    [{ id: ID }, /Priority is required/],
    [{ id: ID, priority: 'P0' }, /Priority must be one of P1, P2, P3, P4/],
  ],
  assignRequest: [
    [{ id: ID }, /Assignee is required/],
    [{ id: ID, assignee: '  ' }, /Assignee is required/],
    [{ id: ID, assignee: 'x'.repeat(81) }, /Assignee is too long/],
  ],
  getConfig: [[{ department: 'IT' }, /Unexpected field\(s\): department/]],
  saveDepartmentConfig: [
    [{ department: 'Sales', section: 'colour', value: 'blue' }, /Section must be calendar, policy, catalog/],
    [
      { department: 'Sales', section: 'calendar', value: { timeZone: 'Mars/Olympus', week: [[], [], []], closures: ['Christmas'] } },
      /“Mars\/Olympus” is not a time zone.*all seven days.*A closure is a date/,
    ],
    [
      { department: 'Sales', section: 'calendar', value: { timeZone: 'UTC', week: [[[600, 540]], [], [], [], [], [], []], closures: [] } },
      /Working hours must end after they start/,
    ],
    [
      { department: 'Sales', section: 'calendar', value: { timeZone: 'UTC', week: [[], [], [], [], [], [], []], closures: [] } },
      /needs working hours on at least one day/,
    ],
    [
      {
        department: 'Sales',
        section: 'policy',
        value: {
          targets: {
            P1: { responseMinutes: 300, resolutionMinutes: 60 },
            P2: { responseMinutes: 1, resolutionMinutes: 1 },
            P3: { responseMinutes: 1, resolutionMinutes: 1 },
            P4: { responseMinutes: 0, resolutionMinutes: 1 },
          },
          atRisk: [0.8, 0.5],
        },
      },
      /Time to first response cannot be longer than time to resolution.*Time to first response must be more than zero.*first at-risk threshold must not be above the second/,
    ],
    [{ department: 'Sales', section: 'catalog', value: [] }, /A catalog needs at least one request type/],
    [
      {
        department: 'Sales',
        section: 'catalog',
        value: [
          {
            id: 'q',
            name: 'Quote',
            fields: [{ id: 'c', label: 'Currency', kind: 'choice', required: true }],
            defaultPriority: 'P3',
            leadTimeMinutes: 0,
            notify: [],
          },
        ],
      },
      /The choice field “Currency” needs at least one option/,
    ],
  ],
  addDepartment: [[{ name: '  ' }, /A department needs a name/]],
  addComment: [
    [{ id: ID, body: '   ' }, /Comment is required/],
    [{ id: ID }, /Comment is required/],
    [{ id: ID, body: 'x', internal: 'yes' }, /Internal must be true or false/],
  ],
  getSyncStatus: [[{ verbose: true }, /Unexpected field\(s\): verbose/]],
  syncNow: [[{ force: true }, /Unexpected field\(s\): force/]],
  getPreferences: [[{ all: true }, /Unexpected field\(s\): all/]],
  updatePreferences: [
    [{ notifications: { newRequest: 'yes' } }, /newRequest must be true or false/],
    [{ notifications: { birthdays: true } }, /Unexpected field\(s\): birthdays/],
    [{ openAtLogin: 1 }, /Start at login must be true or false/],
  ],
  saveView: [
    [{ name: 'Mine', view: 'incoming', query: '' }, /Filters is required/],
    [
      { name: ' ', view: 'everything', query: '', filters: { status: 'any', priority: 'P9', due: 'any', shortNotice: false, sort: 'due' } },
      /View name is required.*View must be.*Priority filter must be a priority or "any"/,
    ],
  ],
  deleteView: [[{}, /View name is required/]],
  pauseNotifications: [
    [{}, /Pause until is required/],
    [{ until: 'an hour' }, /Pause until must be an ISO-8601 date and time/],
  ],
};

describe('the contract refuses malformed input with a clear message', () => {
  let s: TestServices;
  beforeEach(async () => {
    s = startServices();
    await setUpAs(s, 'Sam', 'Sales');
  });
  afterEach(() => s.dispose());

  it('has cases for every method, and a schema for every method', () => {
    expect(Object.keys(malformed).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(apiInputSchemas).sort()).toEqual([...API_METHODS].sort());
  });

  for (const method of API_METHODS) {
    it.each(malformed[method])(`${method}(%j) is invalid_input`, async (payload, message) => {
      const before = s.store.opCount;
      const r = await s.dispatch(method, payload);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.message).toMatch(message);
      expect(s.store.opCount).toBe(before);
    });
  }

  it('answers unknown_method for a name outside the contract', async () => {
    expect(await s.dispatch('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await s.dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});

describe('the services', () => {
  let s: TestServices;
  beforeEach(() => (s = startServices()));
  afterEach(() => s.dispose());

  it('refuse work before setup, and say what to do', async () => {
    const r = await s.call('listRequests', { view: 'incoming' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_set_up', message: expect.stringMatching(/first-run setup/) } });
  });

  it('offer a shared folder inside the data folder on first run', async () => {
    const session = await s.must('getSession', {});
    expect(session.profile).toBeNull();
    expect(session.defaultSharePath.startsWith(s.dataDir)).toBe(true);
    expect(session.departments).toContain('Engineering');
  });

  it('refuse an unknown department and a request to your own department', async () => {
    expect(await s.call('completeSetup', { name: 'Sam', department: 'Marketing', sharePath: s.dataDir })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/no department called "Marketing"/) },
    });
    await setUpAs(s, 'Sam', 'sales');
    expect((await s.must('getSession', {})).profile).toEqual({ name: 'Sam', department: 'Sales' });
    expect(await s.call('createRequest', laptopRequest('Sales'))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuse a needed-by date that has passed', async () => {
    await setUpAs(s, 'Sam', 'Sales');
    const r = await s.call('createRequest', { ...laptopRequest(), neededBy: '2020-01-01T00:00:00Z' });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already passed/) } });
  });

  it('let only the two departments of a request change it, each within its role', async () => {
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    expect(await s.call('changeStatus', { id, status: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });

    await s.must('updateProfile', { department: 'HR' });
    expect(await s.call('addComment', { id, body: 'Hi' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await s.must('updateProfile', { department: 'Engineering' });
    expect((await s.must('changeStatus', { id, status: 'acknowledged' })).status).toBe('acknowledged');
    expect(await s.call('changeStatus', { id, status: 'cancelled' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('answer not_found for a request that is not here', async () => {
    await setUpAs(s, 'Sam', 'Sales');
    expect(await s.call('getRequest', { id: ID })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('list Incoming by due date, hide closed unless asked, and count open requests', async () => {
    await setUpAs(s, 'Sam', 'Sales');
    const later = await s.must('createRequest', { ...laptopRequest(), title: 'Later', neededBy: new Date(Date.now() + 9 * 86_400_000).toISOString() });
    const sooner = await s.must('createRequest', { ...laptopRequest(), title: 'Sooner', neededBy: new Date(Date.now() + 86_400_000).toISOString() });
    await s.must('createRequest', { ...laptopRequest('IT'), title: 'Elsewhere' });
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('changeStatus', { id: later.id, status: 'declined' });

    const open = await s.must('listRequests', { view: 'incoming' });
    expect(open.items.map((r) => r.title)).toEqual(['Sooner']);
    expect(open.counts).toEqual({ incoming: 1, outgoing: 0, assigned: 0, watching: 0, all: 2 });
    const all = await s.must('listRequests', { view: 'incoming', includeClosed: true });
    expect(all.items.map((r) => r.id)).toEqual([sooner.id, later.id]);
  });

  it('push requestsChanged for every change and sessionChanged for a profile change', async () => {
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    const data = s.received.filter((e) => e.name !== 'syncStatusChanged');
    expect(data.map((e) => e.name)).toEqual(['sessionChanged', 'requestsChanged']);
    expect(data[1]).toEqual({ name: 'requestsChanged', payload: { ids: [id] } });
  });
});
