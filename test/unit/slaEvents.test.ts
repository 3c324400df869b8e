import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { CreateRequestOp, RequestOperation } from '../../shared/ops/operations.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { slaEventsOf } from '../../shared/model/slaEvents.js';
import { REQUEST_A, createOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 24, 8);
const sales = { user: 'Sam', department: 'Sales' };
const eng = { user: 'Eve', department: 'Engineering' };
let n = 10;
const op = (minutes: number, actor: typeof eng, type: 'request.status' | 'request.comment' | 'request.priority', fields: Record<string, string>, counter = 0) =>
  ({ id: `d:${++n}`, hlc: formatHlc({ wall: T + minutes * 60_000, counter, device: 'd' }), actor, type, target: REQUEST_A, fields }) as RequestOperation;

/** The clocks' view of a request, as the queue index keeps it for every request. */
function eventsOf(ops: readonly RequestOperation[]) {
  const index = new QueueIndex();
  ops.forEach((o, line) => index.apply(o, line));
  const e = index.get(REQUEST_A);
  return e ? slaEventsOf(e.create as CreateRequestOp, e) : [];
}

const lifecycle = [
  createOp(REQUEST_A, 'd', 1, T),
  op(10, sales, 'request.comment', { body: 'Any news?' }), // the requester: not a response
  op(30, eng, 'request.comment', { body: 'Looking' }), // the provider's first reply
  op(35, eng, 'request.comment', { body: 'Still looking' }),
  op(40, eng, 'request.status', { status: 'acknowledged' }),
  op(50, eng, 'request.priority', { priority: 'P1' }),
  op(60, eng, 'request.status', { status: 'waiting_on_requester', note: 'Need the cost centre', resumeAt: '2026-11-25T08:00:00.000Z' }),
  op(120, eng, 'request.status', { status: 'in_progress' }),
  op(180, eng, 'request.status', { status: 'done' }),
];

describe('slaEventsOf: what a request’s history means for the clocks', () => {
  it('maps the lifecycle, in clock order whatever the delivery order', () => {
    const events = eventsOf([...lifecycle].reverse());
    expect(events.map((e) => `${e.kind}@${(e.at.getTime() - T) / 60_000}`)).toEqual([
      'created@0',
      'responded@30',
      'responded@40',
      'reprioritised@50',
      'responded@60',
      'paused@60',
      'responded@120',
      'resumed@120',
      'responded@180',
      'resolved@180',
    ]);
    expect(events.find((e) => e.kind === 'paused')).toEqual({
      kind: 'paused',
      at: new Date(T + 3_600_000),
      reason: 'Need the cost centre',
      resumeAt: new Date('2026-11-25T08:00:00Z'),
    });
    expect(events.find((e) => e.kind === 'reprioritised')).toMatchObject({ priority: 'P1' });
  });

  it('a cancellation by the requester stops the clocks; no creation, no clocks', () => {
    expect(eventsOf([createOp(REQUEST_A, 'd', 1, T), op(5, sales, 'request.status', { status: 'cancelled' })]).map((e) => e.kind)).toEqual([
      'created',
      'cancelled',
    ]);
    expect(eventsOf([op(5, eng, 'request.comment', { body: 'x' })])).toEqual([]);
  });

  it('a status set by the requesting side is not a response', () => {
    const events = eventsOf([createOp(REQUEST_A, 'd', 1, T), op(5, sales, 'request.status', { status: 'acknowledged' })]);
    expect(events.map((e) => e.kind)).toEqual(['created']);
  });

  it('changes that arrive before the creation count once it arrives', () => {
    const late = [lifecycle[2]!, lifecycle[4]!, lifecycle[0]!];
    expect(eventsOf(late).map((e) => e.kind)).toEqual(['created', 'responded', 'responded']);
  });

  it('any delivery order gives the same events (same wall time, different counters included)', () => {
    const history = [...lifecycle, op(60, eng, 'request.status', { status: 'in_progress' }, 1), op(60, eng, 'request.comment', { body: 'same ms' }, 2)];
    const expected = JSON.stringify(eventsOf(history));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }),
        (order) => JSON.stringify(eventsOf(order)) === expected,
      ),
      { numRuns: 300 },
    );
  });
});
