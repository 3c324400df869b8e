import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestOperation } from '../../shared/ops/operations.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, summarize, toDetail } from '../../shared/model/replica.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, linkOp, noteOp, statusOp, watchOp } from '../helpers/ops.js';

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
  noteOp(REQUEST_A, 'dev-c', 4, T + 30_000, 'Check the budget first'),
  watchOp(REQUEST_A, 'dev-a', 3, T + 140_000, true),
  watchOp(REQUEST_A, 'dev-b', 4, T + 140_000, false),
  linkOp(REQUEST_B, 'dev-a', 4, T + 150_000, REQUEST_A),
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

  it('keeps internal notes out of the conversation, its count and the first reply, and shows them to their department only', () => {
    const r = new Replica();
    history.forEach((op) => r.apply(op));
    const asEngineering = toDetail(r.get(REQUEST_A)!, null, 'Engineering');
    const asSales = toDetail(r.get(REQUEST_A)!, null, 'Sales');
    expect(asEngineering.comments.map((c) => c.body)).toEqual(['On it', 'Which model?']);
    expect(asEngineering.commentCount).toBe(2);
    expect(asEngineering.notes.map((c) => c.body)).toEqual(['Check the budget first']);
    expect(asSales.notes).toEqual([]);
    expect(asSales.history.some((h) => h.kind === 'note')).toBe(false);
    // The note came before the replies; the first reply is still "On it".
    expect(asSales.lastReplyAt).toBe(new Date(T + 61_000).toISOString());
  });

  it('keeps the last word on who watches and on each link', () => {
    const [a, b] = fold(history);
    // dev-a said watch and dev-b said stop at the same wall time: dev-b's HLC sorts later.
    expect(a!.watchers).toEqual([]);
    expect(fold([...history, watchOp(REQUEST_A, 'dev-a', 9, T + 200_000, true)])[0]!.watchers).toEqual(['Sam']);
    expect(b!.links.map((l) => [l.kind, l.other])).toEqual([['parent', REQUEST_A]]);
    expect(fold([...history, linkOp(REQUEST_B, 'dev-b', 9, T + 200_000, REQUEST_A, false)])[1]!.links).toEqual([]);
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
        const full = fold(order).map(
          ({
            details: _d,
            comments: _c,
            notes: _n,
            watchers: _w,
            links: _k,
            attachments: _a,
            members: _m,
            history: _h,
            typeId: _t,
            form: _f,
            timeline: _l,
            ...row
          }) => row,
        );
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
