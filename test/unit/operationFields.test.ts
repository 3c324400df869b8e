import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, defaultDepartmentConfig } from '../../shared/config/department.js';
import { isHlc, isOperationId, parseOperation } from '../../shared/ops/operationSchema.js';
import { defaultServicePage } from '../../shared/config/servicePage.js';
import { newColleague } from '../helpers/templates.js';
import { scrubs } from '../helpers/schedules.js';

/** One valid operation of each type as the share holds it; each row below breaks one thing. */
const base = { id: 'dev-a:7', hlc: '001795000000000:000000:dev-a', actor: { user: 'Eve', department: 'IT' }, target: 'r-1' };
const valid: Record<string, object> = {
  'request.create': {
    type: 'Hardware',
    title: 'Laptop',
    details: '',
    priority: 'P2',
    neededBy: '2026-12-01T17:00:00+01:00',
    fromDepartment: 'Sales',
    toDepartment: 'IT',
    typeId: 'hardware',
    form: { item: 'Laptop' },
    shortNotice: true,
  },
  'request.status': { status: 'waiting_on_requester', note: 'Which model?', resumeAt: '2026-12-02T08:00Z' },
  'request.priority': { priority: 'P4' },
  'request.assign': { assignee: 'Ian' },
  'request.comment': { body: 'On it', internal: true },
  'request.watch': { watching: false },
  'request.link': { kind: 'parent', other: 'r-2', linked: true },
  'request.attach': { name: 'quote.pdf', size: 0, sha256: 'a'.repeat(64), mime: 'application/pdf' },
  'request.sealedNote': { key: 'K'.repeat(22), box: 'b'.repeat(39) },
  'request.sealedAttach': { sha256: 'a'.repeat(64), size: 1234, seals: { HR: { key: 'K'.repeat(22), sealed: 's'.repeat(123) } }, box: 'b'.repeat(60) },
  'request.escalate': { reason: 'The customer waits' },
  'request.proposeDate': { neededBy: '2026-12-09T17:00:00+01:00', reason: 'The parts come on Tuesday' },
  'request.acceptDate': { proposal: 'dev-b:12' },
  'request.edit': { field: 'form.order', value: '4412' },
  'request.transfer': { toDepartment: 'IT', typeId: 'hardware', type: 'Hardware', note: 'Laptops are IT’s' },
  'request.rate': { again: false, comment: 'A week late' },
  'request.chain': {
    template: 'new-colleague',
    name: 'New colleague',
    anchor: '2027-01-04',
    steps: [
      { step: 'laptop', request: '00000000-0000-4000-8000-00000000000a', department: 'IT', title: 'Laptop for Dana', waitsFor: [] },
      { step: 'desk', request: '00000000-0000-4000-8000-00000000000b', department: 'Facilities', title: 'Desk for Dana', waitsFor: ['laptop'] },
    ],
  },
  'request.sealedContent': {
    seals: { Sales: { key: 'K'.repeat(22), sealed: 's'.repeat(123) }, HR: { key: 'L'.repeat(22), sealed: 't'.repeat(123) } },
    box: 'b'.repeat(39),
  },
};
/** The roster's key types, as devices write them (target `roster`). */
const KEY = 'k'.repeat(43);
const rosterValid: Record<string, object> = {
  'roster.sealKey': { sealKey: KEY },
  'roster.departmentKey': { department: 'HR', keyId: 'K'.repeat(22), sealed: { [KEY]: 's'.repeat(123) } },
  'roster.departmentLock': { department: 'HR', keyId: 'K'.repeat(22), lock: KEY },
};
const roster = (type: string, fields: object) => op(type, fields, { target: 'roster' });
const op = (type: string, fields: object, over: object = {}) => ({ ...base, type, fields, ...over });
const config = (type: string, fields: object) => op(type, fields, { target: 'config' });

describe('parseOperation, field by field', () => {
  it.each(Object.entries(valid))('takes a whole %s', (type, fields) => {
    expect(parseOperation(op(type, fields))).not.toBeNull();
  });

  it.each([
    ['request.create', { details: 'x'.repeat(100_000), title: 'x'.repeat(1000), type: 'x'.repeat(500), fromDepartment: 'x'.repeat(200) }],
    ['request.create', { typeId: undefined, form: undefined, shortNotice: undefined }],
    ['request.create', { form: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'x'.repeat(10_000)])) }],
    ['request.create', { neededBy: '2026-12-01T17:00Z' }],
    ['request.create', { neededBy: '2026-12-01T17:00:05.123Z' }],
    ['request.create', { neededBy: '2028-02-29T17:00:00-05:30' }],
    ['request.create', { neededBy: '2000-02-29T17:00:00Z' }],
    ['request.status', { note: undefined, resumeAt: undefined, status: 'done' }],
    ['request.status', { status: 'in_progress', note: undefined, resumeAt: undefined, resumedByReply: true }],
    ['request.assign', { assignee: null }],
    ['request.comment', { internal: undefined }],
    ['request.link', { other: 'x'.repeat(100) }],
    ['request.attach', { size: Number.MAX_SAFE_INTEGER }],
  ])('takes %s at its limits: %j', (type, patch) => {
    expect(parseOperation(op(type, { ...valid[type], ...patch }))).not.toBeNull();
  });

  it.each([
    ['request.create', { type: 1 }],
    ['request.create', { type: 'x'.repeat(501) }],
    ['request.create', { details: 'x'.repeat(100_001) }],
    ['request.create', { fromDepartment: 'x'.repeat(201) }],
    ['request.create', { toDepartment: 7 }],
    ['request.create', { typeId: 7 }],
    ['request.create', { typeId: 'x'.repeat(201) }],
    ['request.create', { form: 'item=Laptop' }],
    ['request.create', { form: ['Laptop'] }],
    ['request.create', { form: { item: 3 } }],
    ['request.create', { form: { item: 'x'.repeat(10_001) } }],
    ['request.create', { form: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, ''])) }],
    ['request.create', { shortNotice: 'yes' }],
    ['request.create', { neededBy: '2026-12-01' }],
    ['request.create', { neededBy: '2026-12-01T17:00:00' }],
    ['request.create', { neededBy: 'x2026-12-01T17:00:00Z' }],
    // The pattern of a date, but not a date: every screen that shows one would throw on it.
    ['request.create', { neededBy: '2026-02-31T17:00:00Z' }],
    ['request.create', { neededBy: '2027-02-29T17:00:00Z' }],
    ['request.create', { neededBy: '2100-02-29T17:00:00Z' }],
    ['request.create', { neededBy: '2026-13-01T17:00:00Z' }],
    ['request.create', { neededBy: '2026-12-01T25:00:00Z' }],
    ['request.create', { neededBy: '2026-12-01T17:60:00Z' }],
    ['request.create', { neededBy: '2026-12-01T17:00:00+99:00' }],
    ['request.create', { neededBy: '9999-12-01T17:00:00Z' }],
    ['request.create', { neededBy: '1969-12-31T23:59:59Z' }],
    ['request.create', { fromDepartment: 'constructor' }],
    ['request.create', { toDepartment: '__proto__' }],
    ['request.create', { toDepartment: '' }],
    ['request.create', { form: JSON.parse('{"__proto__":"x"}') }],
    ['request.create', { form: { toString: 'x' } }],
    ['request.status', { resumeAt: '2026-02-30T08:00:00Z' }],
    ['request.assign', { assignee: 'hasOwnProperty' }],
    ['request.status', { status: 'finished' }],
    ['request.status', { note: 5 }],
    ['request.status', { note: 'x'.repeat(10_001) }],
    ['request.status', { resumeAt: 'tomorrow' }],
    ['request.priority', { priority: 'urgent' }],
    ['request.assign', { assignee: undefined }],
    ['request.assign', { assignee: 'x'.repeat(201) }],
    ['request.comment', { body: undefined }],
    ['request.comment', { body: 'x'.repeat(100_001) }],
    ['request.comment', { internal: 'yes' }],
    ['request.watch', { watching: 'yes' }],
    ['request.link', { kind: 'blocks' }],
    ['request.link', { other: '' }],
    ['request.link', { other: 'x'.repeat(101) }],
    ['request.link', { other: 5 }],
    ['request.link', { linked: 1 }],
    ['request.attach', { name: 'x'.repeat(501) }],
    ['request.attach', { size: -1 }],
    ['request.attach', { size: 1.5 }],
    ['request.attach', { size: '10' }],
    ['request.attach', { sha256: 'A'.repeat(64) }],
    ['request.attach', { sha256: 'a'.repeat(63) }],
    ['request.attach', { sha256: 42 }],
    ['request.attach', { sha256: ['a'.repeat(64)] }],
    ['request.attach', { mime: 'x'.repeat(201) }],
  ])('refuses %s with %j', (type, patch) => {
    expect(parseOperation(op(type, { ...valid[type], ...patch }))).toBeNull();
  });

  it.each(Object.entries(rosterValid))('takes a whole %s', (type, fields) => {
    expect(parseOperation(roster(type, fields))).not.toBeNull();
  });

  it.each([
    ['roster.sealKey', { sealKey: 'k'.repeat(42) }],
    ['roster.sealKey', { sealKey: `${'k'.repeat(42)}/` }],
    ['roster.departmentKey', { keyId: 'K'.repeat(21) }],
    ['roster.departmentKey', { department: 'x'.repeat(201) }],
    ['roster.departmentKey', { sealed: {} }],
    ['roster.departmentKey', { sealed: { [KEY]: 's'.repeat(122) } }],
    ['roster.departmentKey', { sealed: { short: 's'.repeat(123) } }],
    ['roster.departmentKey', { sealed: { [KEY]: ['s'.repeat(123)] } }],
    [
      'roster.departmentKey',
      { sealed: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`${'k'.repeat(40)}${String(i).padStart(3, '0')}`, 's'.repeat(123)])) },
    ],
  ])('refuses %s with %j', (type, patch) => {
    expect(parseOperation(roster(type, { ...rosterValid[type], ...patch }))).toBeNull();
  });

  it.each([
    ['roster.departmentLock', { lock: 'k'.repeat(42) }],
    ['roster.departmentLock', { lock: `${'k'.repeat(42)}=` }],
    ['roster.departmentLock', { keyId: 'K'.repeat(23) }],
    ['roster.departmentLock', { department: '__proto__' }],
  ])('refuses %s with %j', (type, patch) => {
    expect(parseOperation(roster(type, { ...rosterValid[type], ...patch }))).toBeNull();
  });

  it('refuses a confidential request’s sealed text sealed to no department or to three, with a malformed seal, or a box too long or not base64url', () => {
    const good = valid['request.sealedContent'] as { seals: Record<string, object>; box: string };
    const seal = { key: 'K'.repeat(22), sealed: 's'.repeat(123) };
    for (const seals of [
      {},
      { A: seal, B: seal, C: seal },
      { A: { ...seal, sealed: 's'.repeat(122) } },
      { A: { ...seal, key: 'K'.repeat(21) } },
      { __proto__x: 1 },
    ])
      expect(parseOperation(op('request.sealedContent', { ...good, seals }))).toBeNull();
    for (const box of ['b'.repeat(37), 'b'.repeat(170_001), `${'b'.repeat(40)}+`])
      expect(parseOperation(op('request.sealedContent', { ...good, box }))).toBeNull();
    expect(parseOperation(op('request.sealedContent', { ...good, box: 'b'.repeat(170_000) }))).not.toBeNull();
  });

  it.each([
    ['request.escalate', { reason: '   ' }],
    ['request.escalate', { reason: 'x'.repeat(2_001) }],
    ['request.proposeDate', { neededBy: '2026-02-30T17:00:00Z' }],
    ['request.proposeDate', { neededBy: 'next Tuesday' }],
    ['request.proposeDate', { reason: '' }],
    ['request.proposeDate', { reason: 'x'.repeat(2_001) }],
    ['request.acceptDate', { proposal: 'the latest' }],
    ['request.edit', { field: 'status' }],
    ['request.edit', { field: 'form.__proto__' }],
    ['request.edit', { field: 'title', value: 'x'.repeat(1_001) }],
    ['request.transfer', { toDepartment: 'constructor' }],
    ['request.transfer', { typeId: '../x' }],
    ['request.transfer', { type: 7 }],
    ['request.rate', { again: 'no' }],
    ['request.rate', { comment: 'x'.repeat(2_001) }],
    ['request.acceptDate', { proposal: 12 }],
    ['request.status', { status: 'done', resumedByReply: true }],
    ['request.status', { status: 'in_progress', resumedByReply: false }],
    ['request.sealedAttach', { sha256: 'A'.repeat(64) }],
    ['request.sealedAttach', { size: -1 }],
    ['request.sealedAttach', { size: 1.5 }],
    ['request.sealedAttach', { seals: {} }],
    ['request.sealedAttach', { box: 'b'.repeat(3001) }],
    ['request.sealedAttach', { box: 'b'.repeat(37) }],
  ])('refuses %s with %j', (type, patch) => {
    expect(parseOperation(op(type, { ...valid[type], ...patch }))).toBeNull();
  });

  it('takes a department’s service page as the admin screen checks it, and nothing else', () => {
    const page = defaultServicePage('IT');
    expect(parseOperation(config('config.service', { department: 'IT', page }))).not.toBeNull();
    for (const bad of [
      { ...page, reopenDays: -1 },
      { ...page, reopenDays: 1.5 },
      { ...page, vision: 'x'.repeat(301) },
      { ...page, types: { constructor: { description: 'x' } } },
      { ...page, needs: [{ from: 'HR', text: '' }] },
      { ...page, extra: true },
    ])
      expect(parseOperation(config('config.service', { department: 'IT', page: bad }))).toBeNull();
    expect(parseOperation(op('config.service', { department: 'IT', page }))).toBeNull(); // not on the config target
  });

  it('takes a department’s templates as they are checked in meaning, and nothing else', () => {
    const template = newColleague();
    expect(parseOperation(config('config.templates', { department: 'HR', templates: [template] }))).not.toBeNull();
    expect(parseOperation(config('config.templates', { department: 'HR', templates: [] }))).not.toBeNull();
    for (const bad of [
      { ...template, anchor: 'name' },
      { ...template, steps: [{ ...template.steps[2]!, waitsFor: ['desk'] }] },
      { ...template, steps: [...template.steps, { ...template.steps[0]!, waitsFor: ['desk'] }] },
      { ...template, steps: [{ ...template.steps[0]!, dueDays: 1e9 }] },
      { ...template, id: '__proto__' },
      { ...template, extra: true },
    ])
      expect(parseOperation(config('config.templates', { department: 'HR', templates: [bad] }))).toBeNull();
    expect(parseOperation(config('config.templates', { department: 'HR', templates: Array.from({ length: 51 }, () => template) }))).toBeNull();
    expect(parseOperation(op('config.templates', { department: 'HR', templates: [template] }))).toBeNull(); // not on the config target
  });

  it('takes a recurring request as checked in meaning, and an occurrence as a schedule and a date', () => {
    const schedule = scrubs();
    expect(parseOperation(config('config.schedule', { department: 'Facilities', schedule }))).not.toBeNull();
    for (const bad of [
      { ...schedule, end: '2025-06-30' },
      { ...schedule, start: '2026-02-30' },
      { ...schedule, recurrence: { every: 'weeks', n: 0, weekday: 1 } },
      { ...schedule, recurrence: { every: 'months', n: 1, businessDay: 0 } },
      { ...schedule, recurrence: { every: 'months', n: 1, businessDay: 2, weekday: 1 } },
      { ...schedule, aheadDays: 61 },
      { ...schedule, skips: Array.from({ length: 101 }, () => '2026-12-02') },
      { ...schedule, id: 'constructor' },
      { ...schedule, extra: true },
    ])
      expect(parseOperation(config('config.schedule', { department: 'Facilities', schedule: bad }))).toBeNull();
    expect(parseOperation(op('config.schedule', { department: 'Facilities', schedule }))).toBeNull(); // not on the config target
    const create = valid['request.create']!;
    expect(parseOperation(op('request.create', { ...create, occurrence: { schedule: 'scrubs', date: '2026-12-02' } }))).toMatchObject({
      fields: { occurrence: { schedule: 'scrubs', date: '2026-12-02' } },
    });
    for (const occurrence of [
      { schedule: 'scrubs', date: '2 December' },
      { schedule: '__proto__', date: '2026-12-02' },
      { schedule: 'scrubs', date: '2026-12-02', more: 1 },
      'scrubs',
    ])
      expect(parseOperation(op('request.create', { ...create, occurrence }))).toBeNull();
  });

  it('takes a chain only as a launch writes one: a date for its anchor, steps that wait for steps of it, each request once', () => {
    const chain = valid['request.chain'] as { steps: object[] };
    const [laptop, desk] = chain.steps as [Record<string, unknown>, Record<string, unknown>];
    for (const bad of [
      { anchor: '4 January' },
      { template: '__proto__' },
      { steps: [] },
      { steps: [laptop, { ...desk, waitsFor: ['chair'] }] },
      { steps: [laptop, { ...desk, waitsFor: ['desk'] }] },
      { steps: [laptop, { ...desk, request: laptop.request }] },
      { steps: [laptop, { ...desk, step: 'laptop' }] },
      { steps: [laptop, { ...desk, extra: 1 }] },
      { steps: [laptop, { ...desk, request: '../x' }] },
      { steps: Array.from({ length: 31 }, (_, i) => ({ ...laptop, step: `s${i}`, request: `r-${i}` })) },
    ])
      expect(parseOperation(op('request.chain', { ...chain, ...bad }))).toBeNull();
  });

  it('takes a reopening only as a move to in progress', () => {
    expect(parseOperation(op('request.status', { status: 'in_progress', note: 'Still broken', reopened: true }))).not.toBeNull();
    expect(parseOperation(op('request.status', { status: 'done', reopened: true }))).toBeNull();
    expect(parseOperation(op('request.status', { status: 'in_progress', reopened: false }))).toBeNull();
  });

  it('takes the confidential types of a department as request type ids, at most 100', () => {
    expect(parseOperation(config('config.confidential', { department: 'HR', types: ['letter', 'onboarding'] }))).not.toBeNull();
    expect(parseOperation(config('config.confidential', { department: 'HR', types: [] }))).not.toBeNull();
    for (const types of [['../x'], ['constructor'], Array.from({ length: 101 }, (_, i) => `t${i}`), 'letter'])
      expect(parseOperation(config('config.confidential', { department: 'HR', types }))).toBeNull();
    expect(parseOperation(op('config.confidential', { department: 'HR', types: ['letter'] }))).toBeNull(); // not on the config target
  });

  it('refuses a sealed note too short to hold a nonce and tag, too long for a note, or not base64url', () => {
    for (const box of ['b'.repeat(37), 'b'.repeat(110_001), `${'b'.repeat(40)}=`, `${'b'.repeat(40)}+`])
      expect(parseOperation(op('request.sealedNote', { key: 'K'.repeat(22), box }))).toBeNull();
    expect(parseOperation(op('request.sealedNote', { key: 'K'.repeat(23), box: 'b'.repeat(39) }))).toBeNull();
  });

  it.each([
    ['a path', '../../etc/passwd'],
    ['a tab', 'r-1\t'],
    ['a space', 'r 1'],
  ])('refuses a creation whose request id holds %s (the id names a request everywhere)', (_what, target) => {
    expect(parseOperation(op('request.create', valid['request.create']!, { target }))).toBeNull();
  });

  it.each([
    ['an id with no device', { id: ':7' }],
    ['an id whose sequence starts with 0', { id: 'dev-a:07' }],
    ['a clock with a short wall', { hlc: '1795000000000:000000:dev-a' }],
    ['a clock with no device', { hlc: '001795000000000:000000:' }],
    ['a clock of another device than the id', { hlc: '001795000000000:000000:dev-b' }],
    ['a clock whose device only starts like the id', { hlc: '001795000000000:000000:dev-ab' }],
    ['a user name too long', { actor: { user: 'x'.repeat(201), department: 'IT' } }],
    ['a department too long', { actor: { user: 'Eve', department: 'x'.repeat(201) } }],
    ['a department named after what every object has', { actor: { user: 'Eve', department: 'valueOf' } }],
    ['no user', { actor: { user: '', department: 'IT' } }],
    ['a target too long', { target: 'x'.repeat(101) }],
    ['a target that is not text', { target: 5 }],
    ['fields that are not an object', { fields: 'title=Laptop' }],
    ['a request type aimed at the configuration', { target: 'config' }],
  ])('refuses an operation with %s', (_what, over) => {
    expect(parseOperation(op('request.watch', valid['request.watch']!, over))).toBeNull();
  });

  it('reads ids and clocks as whole values, of bounded length', () => {
    expect(isOperationId('dev-a:7')).toBe(true);
    expect(isOperationId(`${'d'.repeat(100)}:7`)).toBe(true);
    expect(isOperationId(`${'d'.repeat(101)}:7`)).toBe(false);
    expect(isOperationId('dev/../a:7')).toBe(false);
    expect(isOperationId(`dev-a:${'9'.repeat(17)}`)).toBe(false);
    expect(isOperationId(7)).toBe(false);
    expect(isOperationId(['dev-a:7'])).toBe(false);
    expect(isHlc('001795000000000:000000:dev-a')).toBe(true);
    expect(isHlc(`001795000000000:000000:${'d'.repeat(101)}`)).toBe(false);
    expect(isHlc('001795000000000:000000:dev\ta')).toBe(false);
    expect(isHlc(null)).toBe(false);
    expect(isHlc(['001795000000000:000000:dev-a'])).toBe(false);
  });
});

describe('configuration operations, checked with the admin screen’s schemas', () => {
  const it_ = defaultDepartmentConfig('IT', 'Europe/Berlin');

  it('takes a seed of whole departments and a section of one', () => {
    expect(parseOperation(config('config.seed', { departments: { IT: it_ } }))).not.toBeNull();
    expect(parseOperation(config('config.department', { department: 'IT', section: 'policy', value: DEFAULT_POLICY }))).not.toBeNull();
    expect(parseOperation(config('config.department', { department: 'IT', section: 'calendar', value: it_.calendar }))).not.toBeNull();
  });

  it.each([
    ['a seed without departments', 'config.seed', { departments: null }],
    ['a seed with a department that is not whole', 'config.seed', { departments: { IT: { calendar: it_.calendar } } }],
    ['a seed with a department without a name', 'config.seed', { departments: { '': it_ } }],
    ['a seed with one good department and one not whole', 'config.seed', { departments: { IT: it_, HR: { calendar: it_.calendar } } }],
    ['a seed of more than 200 departments', 'config.seed', { departments: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`D${i}`, it_])) }],
    ['a section of no department', 'config.department', { department: '', section: 'policy', value: DEFAULT_POLICY }],
    ['an unknown section', 'config.department', { department: 'IT', section: 'budget', value: {} }],
    ['a section whose value is another section’s', 'config.department', { department: 'IT', section: 'calendar', value: DEFAULT_POLICY }],
    ['a request type at the configuration', 'request.watch', { watching: true }],
  ])('refuses %s', (_what, type, fields) => {
    expect(parseOperation(config(type, fields))).toBeNull();
  });
});
