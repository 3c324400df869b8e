import { tzOffset } from '@date-fns/tz';

// Local dates and wall-clock instants in a time zone by arithmetic, away from its offset changes.
// A zone's offset read through Intl costs ~10 µs, and a queue of thousands of requests over a year
// asks it tens of thousands of times (each creation's local day, each day's opening hours): its
// first list spent ~0.1 s there. Here a zone's offset is read once per UTC day and reused for
// every instant of a day whose start and end agree; near a change the caller asks the zone itself.

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;
/** Days remembered per zone before its memory starts over (a queue spans a few years of days). */
const MAX_DAYS = 100_000;

/** Per zone: its offset in ms at the start of each UTC day asked about. */
const atDayStart = new Map<string, Map<number, number>>();

function offsetAtDayStart(zone: string, day: number): number {
  let days = atDayStart.get(zone);
  if (!days) atDayStart.set(zone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size >= MAX_DAYS) days.clear();
    offset = tzOffset(zone, new Date(day * MS_PER_DAY)) * MS_PER_MIN;
    days.set(day, offset);
  }
  return offset;
}

/**
 * The zone's offset throughout UTC days `first`…`last`, when it is the same at the start of each
 * and at the end of the last; else null (NaN, for a zone Intl does not know, is never the same).
 * Two changes that cancel out within one day would pass for none: no zone has had them since
 * 1970 (@date-fns/tz's own tzScan assumes the same of a month).
 */
function steadyOffset(zone: string, first: number, last: number): number | null {
  const offset = offsetAtDayStart(zone, first);
  for (let day = first + 1; day <= last + 1; day++) if (offsetAtDayStart(zone, day) !== offset) return null;
  return offset;
}

/** The local date at instant `t` in the zone (month 0-based), or null on a UTC day its offset changes. */
export function steadyLocalDate(zone: string, t: number): { y: number; m: number; d: number } | null {
  const day = Math.floor(t / MS_PER_DAY);
  const offset = steadyOffset(zone, day, day);
  if (offset === null) return null;
  const local = new Date(t + offset);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate() };
}

/**
 * The instant of a wall-clock time in the zone (month 0-based), or null within a day of an
 * offset change (an instant is at most a day from its wall-clock reading, so no change between
 * them means one offset converts either way).
 */
export function steadyInstant(zone: string, y: number, m: number, d: number, minutes: number): number | null {
  const wall = Date.UTC(y, m, d) + minutes * MS_PER_MIN;
  const day = Math.floor(wall / MS_PER_DAY);
  const offset = steadyOffset(zone, day - 1, day + 1);
  return offset === null ? null : wall - offset;
}
