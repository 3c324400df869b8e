import { QueueIndex } from '../../shared/model/queueIndex.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { isConfigOperation, sameJson } from '../../shared/ops/operations.js';
import type { OpLog } from './opLog.js';

/** How many entries of a share snapshot a join folds again to compare (see `misfolded`). */
const SPOT_CHECKS = 16;

/**
 * A join from a share snapshot under way (docs/sync.md §Snapshots): the log lines of the
 * history it copied, in order, which the snapshot's queue index stands for once adopted.
 */
export class HistoryJoin {
  private lines: number[] | null = null;

  get active(): boolean {
    return this.lines !== null;
  }

  record(line: number): void {
    (this.lines ??= []).push(line);
  }

  /** Ends the join: the history's lines, in the order they were copied. */
  end(): number[] {
    const lines = this.lines ?? [];
    this.lines = null;
    return lines;
  }

  /** The snapshot's entries, renumbered to this log's lines where a local change was written in between. */
  remap(entries: IndexEntry[]): void {
    const history = this.lines ?? [];
    if (history.some((at, i) => at !== i)) for (const e of entries) e.lines = e.lines.map((n) => history[n]!);
  }
}

/**
 * Folds the requests of some adopted entries again from the copied history and compares: a
 * snapshot from a faulty build (or a tampered one) rarely gets a few requests wrong, and the
 * cost of looking is a few detail reads. Answers the first request that differs, or null.
 */
export function misfolded(entries: readonly IndexEntry[], log: OpLog): string | null {
  const picked = new Set<number>();
  while (picked.size < Math.min(SPOT_CHECKS, entries.length)) picked.add(Math.floor(Math.random() * entries.length));
  for (const i of picked) {
    const adopted = entries[i]!;
    const fresh = new QueueIndex();
    for (const line of adopted.lines) for (const op of log.readTarget([line], adopted.id)) if (!isConfigOperation(op)) fresh.apply(op, line);
    if (!sameJson(fresh.entry(adopted.id) ?? null, adopted)) return adopted.id;
  }
  return null;
}
