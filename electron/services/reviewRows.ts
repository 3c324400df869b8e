import type { ReviewRow } from '../../shared/reviews/pairFigures.js';
import type { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { ClockView } from '../../shared/model/requestSla.js';
import { parseHlc } from '../../shared/ops/hlc.js';

/** How long a row with a running clock is reused: the queues' own clocks move once a minute. */
const RUNNING_ROW_MS = 60_000;
/** Rows computed between two turns of the event loop: a long review never holds the queue up for more than this many. */
const SLICE = 1_000;

interface Kept {
  /** The creation it was computed from, its clock (a cell's order) and its time (a period). */
  create: NonNullable<IndexEntry['create']>;
  created: number;
  /** The row, once asked for: what it was computed from (the entry's log lines and the configuration) and until when its clocks hold. */
  row: ReviewRow | null;
  lines: number;
  config: ConfigState;
  configVersion: number;
  validUntil: number;
}

export interface ReviewRowsDeps {
  requests(): Iterable<IndexEntry>;
  config(): ConfigState;
  rowOf(e: IndexEntry, at: Date): ReviewRow;
}

/** When a row computed at `at` may have changed with time alone: a running clock falls due, a pause ends, or a minute passes. */
function validUntil(row: ReviewRow, at: number): number {
  const running = [row.response, row.resolution].filter((c): c is ClockView => !!c && !c.stoppedAt);
  if (!running.length) return Number.POSITIVE_INFINITY;
  let until = at + RUNNING_ROW_MS;
  for (const c of running) {
    for (const t of [c.dueAt, c.resumesAt]) {
      const ms = t ? Date.parse(t) : Number.NaN;
      if (ms > at && ms < until) until = ms;
    }
  }
  return until;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The reviews' rows, kept up to date as operations fold rather than recomputed on every ask
 * (issue 18, "Speed"): a request's row is computed again only when an operation on it was folded
 * since (its log lines grew, or a refold replaced its entry), the configuration changed (calendars,
 * policies and stakes move figures), or time alone may have moved one of its clocks. A request
 * whose clocks have stopped keeps its row until it changes. Rows are computed in slices, so a
 * first review at 100,000 requests lets the queue answer meanwhile.
 */
export function createReviewRows({ requests, config, rowOf }: ReviewRowsDeps) {
  const kept = new WeakMap<IndexEntry, Kept>();

  const fresh = (k: Kept, e: IndexEntry, cfg: ConfigState, at: number) =>
    k.row !== null && k.lines === e.lines.length && k.config === cfg && k.configVersion === cfg.version && k.validUntil > at;

  return {
    /** The rows of the requests created in [start, end), in the order they were created. */
    async createdIn(start: number, end: number, at: number): Promise<ReviewRow[]> {
      const cfg = config();
      const out: Kept[] = [];
      let computed = 0;
      for (const e of requests()) {
        let k = kept.get(e);
        if (k?.create !== e.create) {
          k = { create: e.create!, created: parseHlc(e.create!.hlc).wall, row: null, lines: 0, config: cfg, configVersion: 0, validUntil: 0 };
          kept.set(e, k);
        }
        if (k.created < start || k.created >= end) continue;
        if (!fresh(k, e, cfg, at)) {
          k.row = rowOf(e, new Date(at));
          Object.assign(k, { lines: e.lines.length, config: cfg, configVersion: cfg.version, validUntil: validUntil(k.row, at) });
          if (++computed % SLICE === 0) await turn();
        }
        out.push(k);
      }
      // Clocks are unique: a cell lists its requests the same way each time.
      return out.sort((a, b) => (a.create.hlc < b.create.hlc ? -1 : 1)).map((k) => k.row!);
    },
  };
}
