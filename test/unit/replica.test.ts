import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestOperation } from '../../shared/model/operations.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, summarize, toDetail } from '../../shared/model/replica.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);

/** Two requests, edits from three devices, two of them concurrent on the same field. */
const history: RequestOperation[] = [
  createOp(REQUEST_A, 'dev-a', 1, T),
  createOp(REQUEST_B, 'dev-a', 2, T + 1_000, 'Access for new hire'),
  statusOp(REQUEST_A, 'dev-b', 1, T + 60_000, 'acknowledged'),
  commentOp(REQUEST_A, 'dev-b', 2, T + 61_000, 'On it'),
  commentOp(REQUEST_A, 'dev-c', 1, T + 61_000, 'Which model?'),
  statusOp(REQUEST_A, 'dev-b', 3, T + 120_000, 'in_progress'),
  statusOp(REQUEST_A, 'dev-c', 2, T + 120_000, 'waiting_on_requester'),
  statusOp(REQUEST_B, 'dev-c', 3, T + 130_000, 'declined'),
];

function fold(ops: RequestOperation[]) {
  const r = new Replica();
  for (const op of ops) r.apply(op);
  return [...r.requests()].map((rec) => toDetail(rec)).sort((a, b) => a.id.localeCompare(b.id));
}

describe('Replica (the fold)', () => {
  it('reaches the same state from the same operations in any order, with duplicates', () => {
    const expected = JSON.stringify(fold(history));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }),
        fc.array(fc.nat(history.length - 1), { maxLength: 5 }),
        (order, dupes) => JSON.stringify(fold([...order, ...dupes.map((i) => history[i]!)])) === expected,
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the later writer of a field, breaking an HLC tie by device', () => {
    const [a] = fold(history);
    // dev-b and dev-c wrote status at the same wall time; the HLC sorts dev-c after dev-b.
    expect(a!.status).toBe('waiting_on_requester');
    // The losing write is not lost: it is in the history.
    expect(a!.history.filter((h) => h.kind === 'status').map((h) => h.kind === 'status' && h.to)).toEqual([
      'acknowledged',
      'in_progress',
      'waiting_on_requester',
    ]);
  });

  it('adds comments, never replaces them, in clock order', () => {
    const [a] = fold(history);
    expect(a!.comments.map((c) => c.body)).toEqual(['On it', 'Which model?']);
  });

  it('holds operations that arrive before their request, and shows the request once it is created', () => {
    const r = new Replica();
    r.apply(statusOp(REQUEST_A, 'dev-b', 1, T + 60_000, 'acknowledged'));
    expect(r.get(REQUEST_A)).toBeUndefined();
    expect([...r.requests()]).toHaveLength(0);
    r.apply(createOp(REQUEST_A, 'dev-a', 1, T));
    expect(toDetail(r.get(REQUEST_A)!).status).toBe('acknowledged');
  });

  it('reports whether an operation was new', () => {
    const r = new Replica();
    expect(r.apply(history[0]!)).toBe(true);
    expect(r.apply(history[0]!)).toBe(false);
    expect(r.size).toBe(1);
  });

  it('records the status each change came from', () => {
    const [a] = fold(history);
    const changes = a!.history.flatMap((h) => (h.kind === 'status' ? [`${h.from}→${h.to}`] : []));
    expect(changes).toEqual(['new→acknowledged', 'acknowledged→in_progress', 'in_progress→waiting_on_requester']);
  });
});

describe('QueueIndex (what the queues fold)', () => {
  it('gives the same rows as the full fold, in any order, and keeps creation details out of memory', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }), (order) => {
        const index = new QueueIndex();
        order.forEach((op, line) => index.apply(op, line));
        const rows = [...index.requests()].map((e) => summarize(e)).sort((a, b) => a.id.localeCompare(b.id));
        const full = fold(order).map(({ details: _d, comments: _c, history: _h, typeId: _t, form: _f, timeline: _l, ...row }) => row);
        return JSON.stringify(rows) === JSON.stringify(full) && [...index.requests()].every((e) => e.create!.fields.details === '');
      }),
      { numRuns: 200 },
    );
  });

  it('remembers which log lines hold each request, once per line', () => {
    const index = new QueueIndex();
    index.apply(history[0]!, 0);
    index.apply(history[2]!, 3);
    index.apply(history[3]!, 3);
    index.apply(history[1]!, 4);
    expect(index.get(REQUEST_A)!.lines).toEqual([0, 3]);
    expect(index.get(REQUEST_B)!.lines).toEqual([4]);
  });
});
