import { describe, expect, it } from 'vitest';
import type { CoverageState } from '../../electron/store/coverageCheck.js';
import { CoverageCheck, HistoryDigest } from '../../electron/store/coverageCheck.js';
import { commentOp } from '../helpers/ops.js';

/** The history an upgrade statement covers, checked as it is folded (docs/sync.md §Upgrading a share). */
const T = Date.parse('2026-06-01T09:00:00Z');
const ops = (device: string, n: number) => Array.from({ length: n }, (_, i) => commentOp('r-1', device, i + 1, T + i, `line ${i + 1}`));
const digestOf = (list: ReturnType<typeof ops>) => {
  const d = new HistoryDigest();
  list.forEach((op, i) => d.add(op, i + 1));
  return d.digest();
};

function check(state: CoverageState) {
  const verdicts: [string, string][] = [];
  const c = new CoverageCheck(
    () => state,
    (device, verdict) => verdicts.push([device, verdict]),
  );
  return { c, verdicts };
}

describe('the history an upgrade statement covers', () => {
  it('counts operations 1..through of a covered device, and decides once all are held: the same, or different', () => {
    const history = ops('old', 3);
    const { c, verdicts } = check({ covers: { old: { through: 3, sha256: digestOf(history) } } });
    expect([c.covers('old', 3), c.covers('old', 4), c.covers('other', 1)]).toEqual([true, false, false]);
    for (const op of [...history, history[0]!]) c.see(op); // one held twice: already in
    expect(verdicts).toEqual([['old', 'same']]);

    const changed = check({ covers: { old: { through: 3, sha256: digestOf(history) } } });
    for (const op of [history[0]!, commentOp('r-1', 'old', 2, T + 1, 'changed'), history[2]!]) changed.c.see(op);
    expect(changed.verdicts).toEqual([['old', 'differs']]);
  });

  it('decides nothing from a history with a gap: the next pass over the whole log does', () => {
    const history = ops('old', 3);
    const { c, verdicts } = check({ covers: { old: { through: 3, sha256: digestOf(history) } } });
    for (const op of [history[0]!, history[2]!]) c.see(op);
    expect(verdicts).toEqual([]);
    expect(c.undecided(() => 3)).toBe(true);
    c.restart();
    for (const op of history) c.see(op);
    expect(verdicts).toEqual([['old', 'same']]);
  });

  it('a device folder named like an object’s own property is covered only when the statement names it', () => {
    const { c, verdicts } = check({ covers: {} });
    expect(c.covers('constructor', 1)).toBe(false);
    for (const op of ops('constructor', 2)) c.see(op);
    expect(verdicts).toEqual([]);
  });
});
