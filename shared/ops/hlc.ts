/**
 * Hybrid logical clock. Its string form sorts in causal-then-wall-time order, which is all the
 * merge needs: `wall(15 digits):counter(6 digits):deviceId`.
 */
export interface Hlc {
  wall: number;
  counter: number;
  device: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/**
 * How far ahead of this machine's corrected time another clock may be and still count
 * (docs/sync.md §Clock skew): an operation dated later is held aside until then, and observing a
 * later clock moves this one no further. Honest machines are within it: past 2 minutes of skew a
 * machine writes with the share's time.
 */
export const CLOCK_TOLERANCE_MS = 10 * 60_000;

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}:${String(h.counter).padStart(COUNTER_DIGITS, '0')}:${h.device}`;
}

export function parseHlc(s: string): Hlc {
  const m = /^(\d{15}):(\d{6}):(.+)$/.exec(s);
  if (!m) throw new Error(`Not a hybrid logical clock value: ${JSON.stringify(s)}`);
  return { wall: Number(m[1]), counter: Number(m[2]), device: m[3]! };
}

/** The wall-clock part of an HLC as an ISO date: when the operation happened, near enough to show. */
export function hlcToIso(s: string): string {
  return new Date(parseHlc(s).wall).toISOString();
}

/** A device's clock: `now()` for a local event, `observe()` for every operation read from elsewhere. */
export class HlcClock {
  private last: Hlc;

  constructor(
    private readonly device: string,
    private readonly physicalNow: () => number = Date.now,
  ) {
    this.last = { wall: 0, counter: 0, device };
  }

  now(): string {
    const pt = Math.floor(this.physicalNow());
    if (pt > this.last.wall) this.last = { wall: pt, counter: 0, device: this.device };
    // A full counter moves the wall on by a millisecond, as standard HLCs do, instead of growing
    // past its digits (which no reader would accept).
    else if (this.last.counter >= MAX_COUNTER) this.last = { wall: this.last.wall + 1, counter: 0, device: this.device };
    else this.last = { wall: this.last.wall, counter: this.last.counter + 1, device: this.device };
    return formatHlc(this.last);
  }

  /** The latest value this clock has given or seen. */
  latest(): string {
    return formatHlc(this.last);
  }

  /**
   * Moves past a clock seen elsewhere, but never beyond this machine's time plus the tolerance:
   * one far-future clock on the share would otherwise carry every later change here with it.
   */
  observe(remote: string): void {
    const seen = parseHlc(remote);
    const limit = Math.floor(this.physicalNow()) + CLOCK_TOLERANCE_MS;
    const r = seen.wall > limit ? { wall: limit, counter: 0 } : seen;
    if (r.wall > this.last.wall) this.last = { wall: r.wall, counter: r.counter, device: this.device };
    else if (r.wall === this.last.wall && r.counter > this.last.counter) this.last = { wall: r.wall, counter: r.counter, device: this.device };
  }
}
