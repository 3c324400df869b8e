import { describe, expect, it } from 'vitest';
import { validIndexEntry } from '../../shared/model/indexEntrySchema.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { SetStatusOp } from '../../shared/ops/operations.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { REQUEST_A, commentOp, createOp, statusOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);
const reg = (value: unknown) => ({ value, hlc: '001795000000000:000000:dev-a', opId: 'dev-a:9' });

/** A real entry, as a queue index folds it: created, paused with a reason, replied to, watched, linked, assigned. */
function entry(): IndexEntry {
  const index = new QueueIndex();
  index.apply(createOp(REQUEST_A, 'dev-a', 1, T), 0);
  index.apply(statusOp(REQUEST_A, 'dev-b', 1, T + 1, 'acknowledged'), 1);
  const pause = statusOp(REQUEST_A, 'dev-b', 2, T + 2, 'waiting_on_requester') as SetStatusOp;
  index.apply({ ...pause, fields: { ...pause.fields, note: 'Which model?', resumeAt: '2026-12-01T08:00:00.000Z' } }, 1);
  index.apply(commentOp(REQUEST_A, 'dev-b', 3, T + 3, 'On it'), 2);
  const e = structuredClone(index.get(REQUEST_A)!);
  return { ...e, watchers: { Sam: reg(true) }, links: { 'parent:r2': reg(false) }, assignee: reg({ to: 'Eve', by: 'Ian' }) } as IndexEntry;
}

describe('validIndexEntry (a share snapshot’s entries, checked before a join adopts them)', () => {
  it('checks what dates, corrections, hand-overs, ratings and chains mean before an entry is adopted', () => {
    const base = entry();
    const chain = {
      template: 'visit',
      name: 'Customer visit',
      anchor: '2027-01-04',
      steps: [
        { step: 'spec', request: 'r2', department: 'Engineering', title: 'Spec', waitsFor: [] },
        { step: 'review', request: 'r3', department: 'Engineering', title: 'Review', waitsFor: ['spec'] },
      ],
    };
    const good = {
      dates: {
        proposals: { 'dev-b:5': { neededBy: '2026-12-30T16:00:00.000Z', reason: 'A new die', by: 'Engineering', hlc: reg(0).hlc } },
        accepts: { 'dev-a:6': { proposal: 'dev-b:5', by: 'Sales', hlc: reg(0).hlc } },
      },
      edits: { title: reg('New title'), 'form.order': reg('4712') },
      transfers: { 'dev-b:7': { to: 'IT', typeId: 'hardware', type: 'Hardware', by: 'Engineering', hlc: reg(0).hlc } },
      rating: reg({ again: false, comment: 'Late' }),
      reopened: reg('Still broken'),
      chain: reg(chain),
    };
    expect(validIndexEntry({ ...base, ...good }, 3)).toBe(true);
    for (const bad of [
      { dates: { proposals: { 'dev-b:5': { ...good.dates.proposals['dev-b:5'], neededBy: '2026-02-30T16:00:00Z' } } } },
      { dates: { accepts: { 'not an id': good.dates.accepts['dev-a:6'] } } },
      { edits: { status: reg('done') } },
      { edits: { title: reg(7) } },
      { transfers: { 'dev-b:7': { ...good.transfers['dev-b:7'], to: 'constructor' } } },
      { transfers: { 'dev-b:7': { ...good.transfers['dev-b:7'], hlc: 'yesterday' } } },
      { rating: reg({ again: 'yes', comment: '' }) },
      { reopened: reg('x'.repeat(10_001)) },
      { chain: reg({ ...chain, anchor: 'next Monday' }) },
      { chain: reg({ ...chain, steps: [{ ...chain.steps[0]!, waitsFor: ['spec'] }] }) },
      {
        chain: reg({ ...chain, steps: Array.from({ length: 31 }, (_, i) => ({ ...chain.steps[0]!, step: `s${i}`, request: `r${i}` })) }),
      },
    ])
      expect(validIndexEntry({ ...base, ...bad }, 3)).toBe(false);
  });

  it('takes an entry as the queue index folds it, and its optional parts left out', () => {
    const e = entry();
    expect(e.pauses).toBeDefined();
    expect(validIndexEntry(e, 3)).toBe(true);
    const { watchers: _w, links: _l, pauses: _p, lastReply: _r, ...bare } = e;
    expect(validIndexEntry({ ...bare, assignee: reg({ to: null, by: 'Ian' }), lastHlc: '', commentCount: 0 }, 3)).toBe(true);
    expect(validIndexEntry({ ...e, create: null, early: { marks: [T, 0, 1], by: ['Eve'] } }, 3)).toBe(true);
    expect(validIndexEntry({ ...e, id: 'x'.repeat(100), create: null }, 3)).toBe(true);
  });

  const e = entry();
  it.each([
    ['not an object', [e]],
    ['null', null],
    ['no id', { ...e, id: '' }],
    ['an id too long', { ...e, id: 'x'.repeat(101), create: null }],
    ['an id that is not text', { ...e, id: 7 }],
    ['a creation of another request', { ...e, id: 'other' }],
    ['a creation that is not one', { ...e, create: { ...e.create, type: 'request.comment' } }],
    ['a creation that does not parse', { ...e, create: { ...e.create, hlc: 'yesterday' } }],
    ['no lines', { ...e, lines: [] }],
    ['lines that are not a list', { ...e, lines: 3 }],
    ['a line past the history', { ...e, lines: [0, 3] }],
    ['a negative line', { ...e, lines: [-1] }],
    ['a line that is not a whole number', { ...e, lines: [0.5] }],
    ['an unknown status', { ...e, status: reg('finished') }],
    ['a status register without a clock', { ...e, status: { value: 'new', opId: 'dev-a:1' } }],
    ['a status register with a bad operation id', { ...e, status: { ...reg('new'), opId: 'dev-a:0' } }],
    ['an unknown priority', { ...e, priority: reg('P9') }],
    ['an assignment without who made it', { ...e, assignee: reg({ to: 'Eve' }) }],
    ['an assignment to a name too long', { ...e, assignee: reg({ to: 'x'.repeat(201), by: 'Ian' }) }],
    ['an assignment that is text', { ...e, assignee: reg('Eve') }],
    ['a watcher that is not a yes or no', { ...e, watchers: { Sam: reg('yes') } }],
    ['a watcher register that is null', { ...e, watchers: { Sam: null } }],
    ['watchers that are a list', { ...e, watchers: [reg(true)] }],
    ['links that are a list', { ...e, links: [reg(true)] }],
    ['a last clock that is not one', { ...e, lastHlc: 'now' }],
    ['a comment count that is negative', { ...e, commentCount: -1 }],
    ['a comment count that is not whole', { ...e, commentCount: 1.5 }],
    ['marks not in threes', { ...e, marks: [T, 0] }],
    ['marks that are not numbers', { ...e, marks: [T, 0, 'x'] }],
    ['marks that are not finite', { ...e, marks: [T, 0, Number.NaN] }],
    ['marks that are not a list', { ...e, marks: 'T,0,1' }],
    ['a first reply of one number', { ...e, firstReply: [T] }],
    ['a first reply of four numbers', { ...e, firstReply: [T, 0, T, 0] }],
    ['a last reply that is not a number', { ...e, lastReply: '2026' }],
    ['a last reply that is not finite', { ...e, lastReply: Number.POSITIVE_INFINITY }],
    ['a last reply past what a date can hold', { ...e, lastReply: 1e300 }],
    ['marks past what a date can hold', { ...e, marks: [1e300, 0, 1] }],
    ['negative marks', { ...e, marks: [T, -1, 1] }],
    ['a pause that resumes on a day that is not one', { ...e, pauses: { '1:0': { resumeAt: '2026-02-30T08:00:00Z' } } }],
    ['a watcher named after what every object has', { ...e, watchers: JSON.parse(`{"__proto__": ${JSON.stringify(reg(true))}}`) }],
    ['pauses that are a list', { ...e, pauses: [{}] }],
    ['a pause that is not an object', { ...e, pauses: { '1:0': 'Which model?' } }],
    ['a pause reason that is not text', { ...e, pauses: { '1:0': { reason: 5 } } }],
    ['a pause reason too long', { ...e, pauses: { '1:0': { reason: 'x'.repeat(10_001) } } }],
    ['a pause that resumes at a number', { ...e, pauses: { '1:0': { resumeAt: 5 } } }],
    ['early changes that are not an object', { ...e, create: null, early: [T, 0, 1] }],
    ['early changes with more marks than people', { ...e, create: null, early: { marks: [T, 0, 1, T, 1, 1], by: ['Eve'] } }],
    ['early changes by a name too long', { ...e, create: null, early: { marks: [T, 0, 1], by: ['x'.repeat(201)] } }],
    ['early changes with no list of people', { ...e, create: null, early: { marks: [T, 0, 1], by: 'Eve' } }],
  ])('refuses an entry with %s', (_what, value) => {
    expect(validIndexEntry(value, 3)).toBe(false);
  });
});
