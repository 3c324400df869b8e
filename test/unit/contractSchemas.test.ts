import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/contract/methods.js';
import { DEFAULT_POLICY } from '../../shared/config/department.js';
import { NOTIFY_KINDS } from '../../shared/notify/policy.js';
import { apiInputSchemas, describeInvalidInput } from '../../shared/contract/schemas.js';
import { ID, malformed } from '../helpers/malformedPayloads.js';

/** For every method, a payload a person's action really sends: the schemas must let it through. */
const wellFormed: Record<string, unknown> = {
  getSession: {},
  completeSetup: { name: 'Sam', department: 'Sales', sharePath: '/srv/share' },
  updateProfile: { department: 'Engineering' },
  listRequests: { view: 'incoming', only: [ID] },
  searchRequests: { query: 'laptop', view: 'all' },
  getRequest: { id: ID },
  createRequest: { toDepartment: 'IT', typeId: 'hardware', title: 'Laptop', neededBy: '2026-12-01T17:00:00+01:00', priority: 'P2', form: { item: 'Laptop' } },
  changeStatus: { id: ID, status: 'waiting_on_requester', note: 'Which model?', resumeAt: '2026-12-02T08:00:00Z' },
  changePriority: { id: ID, priority: 'P1' },
  assignRequest: { id: ID, assignee: null },
  addComment: { id: ID, body: 'On it', internal: true },
  watchRequest: { id: ID, watching: true },
  linkRequest: { id: ID, kind: 'duplicate', other: '3F9A1C', linked: true },
  bulkUpdate: { ids: [ID], action: { kind: 'assign', assignee: 'Eve' } },
  addAttachment: { id: ID, name: 'quote.pdf', mime: 'application/pdf', data: Buffer.from('pdf').toString('base64') },
  getAttachment: { id: ID, attachment: 'dev-a:7' },
  getConfig: {},
  saveDepartmentConfig: { department: 'IT', section: 'policy', value: DEFAULT_POLICY },
  addDepartment: { name: 'Legal' },
  getSyncStatus: {},
  syncNow: {},
  getPreferences: {},
  updatePreferences: { notifications: { [NOTIFY_KINDS[0]]: false } },
  pauseNotifications: { until: null },
  saveView: {
    name: 'Mine',
    view: 'assigned',
    query: '',
    filters: { status: 'any', priority: 'P1', due: 'today', shortNotice: false, sort: 'due' },
  },
  deleteView: { name: 'Mine' },
};

describe('the contract’s schemas, on their own (fast enough to run against every mutant)', () => {
  for (const method of API_METHODS) {
    it.each(malformed[method])(`${method}(%j) is refused with a sentence a person reads`, (payload, message) => {
      const parsed = apiInputSchemas[method].safeParse(payload);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(describeInvalidInput(parsed.error)).toMatch(message);
    });
  }

  it.each(API_METHODS.filter((m) => m in wellFormed))('%s takes what the app really sends', (method) => {
    const parsed = apiInputSchemas[method].safeParse(wellFormed[method]);
    expect(parsed.error ? describeInvalidInput(parsed.error) : null).toBeNull();
  });

  it('fills in the defaults an older or shorter caller leaves out', () => {
    expect(apiInputSchemas.listRequests.parse({ view: 'outgoing' })).toEqual({ view: 'outgoing', includeClosed: false });
    expect(apiInputSchemas.createRequest.parse({ toDepartment: ' IT ', typeId: 'general', title: ' Hi ', neededBy: '2026-12-01T17:00:00Z' })).toEqual({
      toDepartment: 'IT',
      typeId: 'general',
      title: 'Hi',
      neededBy: '2026-12-01T17:00:00Z',
      details: '',
      form: {},
    });
    expect(apiInputSchemas.addComment.parse({ id: ID, body: 'x' }).internal).toBe(false);
    expect(apiInputSchemas.addAttachment.parse({ id: ID, name: 'a', data: '' }).mime).toBe('application/octet-stream');
  });
});
