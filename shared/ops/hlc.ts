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
    else this.last = { wall: this.last.wall, counter: this.last.counter + 1, device: this.device };
    return formatHlc(this.last);
  }

  /** The latest value this clock has given or seen. */
  latest(): string {
    return formatHlc(this.last);
  }

  observe(remote: string): void {
    const r = parseHlc(remote);
    if (r.wall > this.last.wall) this.last = { wall: r.wall, counter: r.counter, device: this.device };
    else if (r.wall === this.last.wall && r.counter > this.last.counter) this.last = { wall: r.wall, counter: r.counter, device: this.device };
  }
}
