import { describe, expect, it } from 'vitest';
import { createReviewRows } from '../../electron/services/reviewRows.js';
import type { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { ClockView } from '../../shared/model/requestSla.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { ReviewRow } from '../../shared/reviews/pairFigures.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const MINUTE = 60_000;

/** A queue index entry as the rows read it: its creation, and the log lines that hold its operations. */
function entry(n: number, createdAt = T0 + n * MINUTE): IndexEntry {
  return { id: `r${n}`, create: { hlc: formatHlc({ wall: createdAt, counter: 0, device: 'dev' }) }, lines: [n] } as unknown as IndexEntry;
}

const stopped: ClockView = { state: 'met', targetMinutes: 60, remainingMinutes: 30, dueAt: null, stoppedAt: '2026-11-02T10:00:00Z' };
const running = (dueAt: number): ClockView => ({
  state: 'running',
  targetMinutes: 60,
  remainingMinutes: 30,
  dueAt: new Date(dueAt).toISOString(),
  stoppedAt: null,
});

/** Rows over `entries`, counting what is computed; each entry's clocks as `clocks` says. */
function rowsOver(entries: IndexEntry[], clocks: (e: IndexEntry) => ClockView = () => stopped) {
  const config = { version: 1 } as ConfigState;
  const computed: string[] = [];
  const rows = createReviewRows({
    requests: () => entries,
    config: () => config,
    rowOf: (e) => {
      computed.push(e.id);
      return { id: e.id, response: clocks(e), resolution: clocks(e) } as ReviewRow;
    },
  });
  const ask = async (at = T0 + 1_000 * MINUTE, start = 0, end = Number.POSITIVE_INFINITY) => {
    computed.length = 0;
    const out = await rows.createdIn(start, end, at);
    return { ids: out.map((r) => r.id), computed: [...computed] };
  };
  return { ask, config };
}

describe('the reviews’ rows, kept up to date as operations fold', () => {
  it('computes a request once; again only when an operation on it folded since, or a refold replaced it', async () => {
    const entries = [entry(1), entry(2), entry(3)];
    const { ask } = rowsOver(entries);
    expect(await ask()).toEqual({ ids: ['r1', 'r2', 'r3'], computed: ['r1', 'r2', 'r3'] });
    expect((await ask()).computed).toEqual([]);
    entries[1]!.lines.push(9);
    expect((await ask()).computed).toEqual(['r2']);
    entries[2] = entry(3);
    expect((await ask()).computed).toEqual(['r3']);
  });

  it('moves a request to the period of the earliest creation, when one made earlier on another machine arrives late', async () => {
    const late = entry(5, T0 + 500 * MINUTE);
    const { ask } = rowsOver([late]);
    expect((await ask(T0 + 1_000 * MINUTE, T0 + 400 * MINUTE)).ids).toEqual(['r5']);
    late.create = entry(5, T0 + 10 * MINUTE).create;
    late.lines.push(6);
    expect((await ask(T0 + 1_000 * MINUTE, T0 + 400 * MINUTE)).ids).toEqual([]);
    expect((await ask(T0 + 1_000 * MINUTE, 0, T0 + 400 * MINUTE)).ids).toEqual(['r5']);
  });

  it('computes every row again when the configuration changes (calendars, policies and stakes move figures)', async () => {
    const { ask, config } = rowsOver([entry(1), entry(2)]);
    await ask();
    config.version++;
    expect((await ask()).computed).toEqual(['r1', 'r2']);
  });

  it('computes only the period asked for, in the order requests were created', async () => {
    const { ask } = rowsOver([entry(3), entry(1), entry(2), entry(9)]);
    expect(await ask(T0 + 1_000 * MINUTE, T0 + MINUTE, T0 + 3 * MINUTE + 1)).toEqual({ ids: ['r1', 'r2', 'r3'], computed: ['r3', 'r1', 'r2'] });
  });

  it('reuses a row with a running clock for a minute, or until that clock falls due, whichever is first', async () => {
    const at = T0 + 1_000 * MINUTE;
    const dueSoon = entry(1);
    const dueLater = entry(2);
    const { ask } = rowsOver([dueSoon, dueLater, entry(3)], (e) => (e === dueSoon ? running(at + 20_000) : e === dueLater ? running(at + 3_600_000) : stopped));
    await ask(at);
    expect((await ask(at + 19_000)).computed).toEqual([]);
    expect((await ask(at + 20_000)).computed).toEqual(['r1']);
    // Past due, its row holds for a minute from then; the other's minute is up.
    expect((await ask(at + 59_000)).computed).toEqual([]);
    expect((await ask(at + 60_000)).computed).toEqual(['r2']);
    expect((await ask(at + 80_000)).computed).toEqual(['r1']);
  });

  it('computes in slices: a first review of many requests lets other work run meanwhile', async () => {
    const { ask } = rowsOver(Array.from({ length: 2_500 }, (_, i) => entry(i)));
    const order: string[] = [];
    const review = ask().then(() => order.push('review'));
    setImmediate(() => order.push('queue'));
    await review;
    expect(order).toEqual(['queue', 'review']);
  });
});
