import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/contract/methods.js';
import { apiInputSchemas } from '../../shared/contract/schemas.js';
import type { TestServices } from '../helpers/services.js';
import { ID, malformed } from '../helpers/malformedPayloads.js';
import { setUpAs, startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';

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
    // A refusal says why: the requesting side is told the reason.
    expect(await s.call('changeStatus', { id, status: 'declined', note: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Say why Engineering declines: Sales is told the reason.' },
    });
    expect((await s.must('changeStatus', { id, status: 'declined', note: 'We do not order laptops' })).status).toBe('declined');
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
    await s.must('changeStatus', { id: later.id, status: 'declined', note: 'Not ours to do' });

    const open = await s.must('listRequests', { view: 'incoming' });
    expect(open.items.map((r) => r.title)).toEqual(['Sooner']);
    expect(open.counts).toEqual({ incoming: 1, escalated: 0, outgoing: 0, waiting: 0, assigned: 0, watching: 0, all: 2 });
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
