import { scrubs } from './schedules.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import { laptopRequest } from './requestInputs.js';

/** A well-formed request id that no request has. */
export const ID = '6f1c2a8e-1111-4a2b-9c3d-123456789abc';

/** For every method: payloads that must be refused, and a phrase the refusal must contain. */
export const malformed: Record<ApiMethod, [unknown, RegExp][]> = {
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
  saveServicePage: [
    [{ department: 'IT', page: { does: '' } }, /What the department does not do must be text/],
    [{ department: 'IT', page: { does: '', doesNot: '', vision: '', contacts: [], needs: [], types: {}, reopenDays: -1 } }, /not negative/],
  ],
  saveTemplates: [
    [{ department: 'HR', templates: [{ id: 'x' }] }, /A template’s name must be text/],
    [{ department: 'HR', templates: {} }, /Templates/],
  ],
  planLaunch: [
    [{ department: 'HR', templateId: 'new-colleague', answers: { name: 42 } }, /An answer must be text/],
    [{ department: 'HR', answers: {} }, /Template/],
  ],
  moveAnchor: [[{ id: '00000000-0000-4000-8000-00000000000a', anchor: '2027-02-30' }, /a day such as/]],
  getSchedules: [[{ department: 42 }, /Department/]],
  saveSchedule: [
    [{ department: 'Facilities', schedule: { ...scrubs(), end: '2025-12-31' } }, /cannot end before it starts/],
    [{ department: 'Facilities', schedule: { ...scrubs(), recurrence: { every: 'days', n: 1 } } }, /every N weeks on a weekday or every N months/],
    [{ department: 'Facilities', schedule: { ...scrubs(), skips: ['2026-02-30'] } }, /A skipped date must be a date/],
  ],
  launchTemplate: [[{ department: 'HR', templateId: 'new-colleague', answers: [] }, /answers/i]],
  saveConfidentialTypes: [
    [{ department: 'HR', types: ['../x'] }, /A request type id is a short word/],
    [{ department: 'HR' }, /Types/],
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
  getPeople: [[{ all: true }, /Unexpected field\(s\): all/]],
  escalateRequest: [
    [{ id: '00000000-0000-4000-8000-000000000001', reason: '  ' }, /Say why you escalate/],
    [{ id: '00000000-0000-4000-8000-000000000001' }, /Reason/],
  ],
  proposeDate: [
    [{ id: '00000000-0000-4000-8000-000000000001', neededBy: '2026-12-09T17:00:00Z', reason: ' ' }, /Say why this date/],
    [{ id: '00000000-0000-4000-8000-000000000001', neededBy: 'Tuesday', reason: 'Parts' }, /Needed-by must be an ISO-8601 date/],
  ],
  editRequest: [
    [{ id: '00000000-0000-4000-8000-000000000001' }, /Change the title, the details or an answer/],
    [{ id: '00000000-0000-4000-8000-000000000001', title: '   ' }, /Title/],
  ],
  getReview: [[{ from: 'last month', to: '2026-12-01T00:00:00Z' }, /From must be an ISO-8601/]],
  getReviewRequests: [
    [{ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', requester: 42 }, /Requesting department/],
    [{ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, /ends before it starts/],
  ],
  getReviewTrends: [[{ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', step: 'day' }, /week or month/]],
  getDepartmentReview: [[{ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, /Department/]],
  rateRequest: [[{ id: '00000000-0000-4000-8000-000000000001', again: 'yes' }, /Again/]],
  transferRequest: [[{ id: '00000000-0000-4000-8000-000000000001', typeId: 'general' }, /To department/]],
  reopenRequest: [[{ id: '00000000-0000-4000-8000-000000000001', reason: '' }, /Say what is still wrong/]],
  acceptDate: [[{ id: '00000000-0000-4000-8000-000000000001' }, /Proposal/]],
  turnOnRoles: [[{ now: true }, /Unexpected field\(s\): now/]],
  askToJoin: [
    [{ departments: [] }, /Choose at least one department to join/],
    [{}, /Department/],
  ],
  grantRole: [
    [{ key: 'someone', role: 'member', department: 'IT' }, /not a person’s key from the People screen/],
    [{ key: 'a'.repeat(43), role: 'owner', department: 'IT' }, /Role must be admin, lead or member/],
  ],
  revokeRole: [[{ key: 'a'.repeat(43), role: 'member', department: 'IT', reason: 'x'.repeat(2_001) }, /reason is too long/]],
};
