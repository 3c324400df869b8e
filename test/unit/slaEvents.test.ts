import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/model/hlc.js';
import type { Operation } from '../../shared/model/operations.js';
import { slaEventsOf } from '../../shared/sla/events.js';
import { REQUEST_A, createOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 24, 8);
const sales = { user: 'Sam', department: 'Sales' };
const eng = { user: 'Eve', department: 'Engineering' };
let n = 10;
const op = (minutes: number, actor: typeof eng, type: 'request.status' | 'request.comment', fields: Record<string, string>) =>
  ({ id: `d:${++n}`, hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device: 'd' }), actor, type, target: REQUEST_A, fields }) as Operation;

describe('slaEventsOf: what operations mean for the clocks', () => {
  it('maps the lifecycle, in clock order whatever the delivery order', () => {
    const ops = [
      createOp(REQUEST_A, 'd', 1, T),
      op(10, sales, 'request.comment', { body: 'Any news?' }), // the requester: not a response
      op(30, eng, 'request.comment', { body: 'Looking' }), // the provider's first reply
      op(40, eng, 'request.status', { status: 'acknowledged' }),
      op(60, eng, 'request.status', { status: 'waiting_on_requester', note: 'Need the cost centre' }),
      op(120, eng, 'request.status', { status: 'in_progress' }),
      op(180, eng, 'request.status', { status: 'done' }),
    ];
    const events = slaEventsOf([...ops].reverse());
    expect(events.map((e) => `${e.kind}@${(e.at.getTime() - T) / 60_000}`)).toEqual([
      'created@0',
      'responded@30',
      'responded@40',
      'responded@60',
      'paused@60',
      'responded@120',
      'resumed@120',
      'responded@180',
      'resolved@180',
    ]);
    expect(events.find((e) => e.kind === 'paused')).toMatchObject({ reason: 'Need the cost centre' });
  });

  it('a cancellation by the requester stops the clocks; no creation, no clocks', () => {
    expect(slaEventsOf([createOp(REQUEST_A, 'd', 1, T), op(5, sales, 'request.status', { status: 'cancelled' })]).map((e) => e.kind)).toEqual(['created', 'cancelled']);
    expect(slaEventsOf([op(5, eng, 'request.comment', { body: 'x' })])).toEqual([]);
  });
});
