import { TZDate } from '@date-fns/tz';
import { steadyInstant, steadyLocalDate } from './zoneTime.js';

/**
 * A department's business calendar (DESIGN.md §4): its time zone, its working hours for each
 * day of the week — several intervals a day, so a lunch break is the gap between two — and the
 * days it is closed. Everything here works in the calendar's own zone, whatever the machine's.
 * A calendar is a value: results are cached per calendar object, so change one by making a new one.
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; each interval in minutes after local midnight, [start, end). */
  week: [number, number][][];
  /** Closed days: "YYYY-MM-DD" once, or "--MM-DD" every year. */
  closures: string[];
}

/** "08:00–12:00, 13:00–17:00" style hours as minute intervals, for building calendars. */
export function hours(...spans: string[]): [number, number][] {
  return spans.map((span) => {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(span);
    if (!m) throw new Error(`Working hours must look like "08:00-12:00", not "${span}".`);
    const start = +m[1]! * 60 + +m[2]!;
    const end = +m[3]! * 60 + +m[4]!;
    if (end <= start || end > 24 * 60) throw new Error(`Working hours "${span}" end before they start.`);
    return [start, end];
  });
}

/** Monday to Friday with the same hours. */
export function weekdays(...spans: string[]): BusinessCalendar['week'] {
  const day = hours(...spans);
  return [[], day, day, day, day, day, []];
}

const MS_PER_MIN = 60_000;
/** Far enough for any real target; a calendar with no working time at all fails instead of looping. */
const MAX_DAYS = 3_660;

interface LocalDay {
  y: number;
  m: number; // 0-based
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isClosed(cal: BusinessCalendar, day: LocalDay): boolean {
  const md = `${pad(day.m + 1)}-${pad(day.d)}`;
  return cal.closures.includes(`${day.y}-${md}`) || cal.closures.includes(`--${md}`);
}

/**
 * Zone offsets in use since 1972, local midnights and DST changes all fall on quarter hours of UTC, so the local
 * date is the same throughout a quarter hour: it is looked up once per quarter hour and calendar.
 */
const QUARTER_HOUR = 15 * MS_PER_MIN;
const localDays = new WeakMap<BusinessCalendar, Map<number, LocalDay>>();

function localDayOf(cal: BusinessCalendar, t: number): LocalDay {
  let days = localDays.get(cal);
  if (!days) localDays.set(cal, (days = new Map()));
  const bucket = Math.floor(t / QUARTER_HOUR);
  let day = days.get(bucket);
  if (!day) {
    day = steadyLocalDate(cal.timeZone, bucket * QUARTER_HOUR) ?? zonedDay(bucket * QUARTER_HOUR, cal.timeZone);
    days.set(bucket, day);
  }
  return day;
}

function zonedDay(t: number, timeZone: string): LocalDay {
  const z = new TZDate(t, timeZone);
  return { y: z.getFullYear(), m: z.getMonth(), d: z.getDate() };
}

/** The instant of a local wall-clock time on a day, in the calendar's zone (DST included). */
function instant(cal: BusinessCalendar, day: LocalDay, minutes: number): number {
  return (
    steadyInstant(cal.timeZone, day.y, day.m, day.d, minutes) ?? new TZDate(day.y, day.m, day.d, Math.floor(minutes / 60), minutes % 60, cal.timeZone).getTime()
  );
}

/** The working intervals of one local day, as instants. */
/** Each calendar's days as instants, computed once: zone arithmetic is the slow part of every clock. */
const dayIntervals = new WeakMap<BusinessCalendar, Map<number, [number, number][]>>();

function intervalsOn(cal: BusinessCalendar, day: LocalDay): [number, number][] {
  let days = dayIntervals.get(cal);
  if (!days) dayIntervals.set(cal, (days = new Map()));
  const key = Date.UTC(day.y, day.m, day.d);
  let spans = days.get(key);
  if (!spans) {
    const weekday = new Date(key).getUTCDay();
    spans = isClosed(cal, day) ? [] : (cal.week[weekday] ?? []).map(([s, e]) => [instant(cal, day, s), instant(cal, day, e)] as [number, number]);
    days.set(key, spans);
  }
  return spans;
}

export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  return intervalsOn(cal, localDayOf(cal, t)).some(([s, e]) => s <= t && t < e);
}

/**
 * The instant `minutes` of working time after `start`. A target of 0 is the start itself when
 * that is working time, else the next opening. A due date lands at most at an interval's end
 * (a 10-hour target from 08:00 falls due at 18:00, not at 08:00 the next day).
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  if (!(minutes >= 0)) throw new Error(`Business time to add must be zero or more minutes, not ${minutes}.`);
  const from = start.getTime();
  let left = minutes * MS_PER_MIN;
  let n = dayNumber(localDayOf(cal, from));
  for (let i = 0; i < MAX_DAYS; i++, n++) {
    // A later day that cannot hold the rest is skipped whole, from the table.
    if (i > 0) {
      const whole = minutesOfDays(cal, n, n + 1) * MS_PER_MIN;
      if (whole < left) {
        left -= whole;
        continue;
      }
    }
    for (const [s0, e] of intervalsOn(cal, dayOfNumber(n))) {
      if (e <= from) continue;
      const s = Math.max(s0, from);
      if (left <= e - s && (left > 0 || e > s)) return new Date(s + left);
      left -= e - s;
    }
  }
  throw new Error(
    `The business calendar (${cal.timeZone}) has no working time in the ${MAX_DAYS} days after ${start.toISOString()}; check its hours and closures.`,
  );
}

/**
 * Working minutes of whole local days, as prefix sums, per calendar: a queue asks how much
 * business time has passed since each request was created, thousands of times over months, and
 * walking every day in the zone each time would cost seconds. Days are numbered like UTC days.
 */
interface DayTable {
  first: number;
  /** sums[i] = working minutes on days first … first + i − 1. */
  sums: number[];
}
const dayTables = new WeakMap<BusinessCalendar, DayTable>();

const dayNumber = (day: LocalDay) => Date.UTC(day.y, day.m, day.d) / 86_400_000;
function dayOfNumber(n: number): LocalDay {
  const u = new Date(n * 86_400_000);
  return { y: u.getUTCFullYear(), m: u.getUTCMonth(), d: u.getUTCDate() };
}
const minutesOn = (cal: BusinessCalendar, n: number) => intervalsOn(cal, dayOfNumber(n)).reduce((sum, [s, e]) => sum + (e - s) / MS_PER_MIN, 0);

/** Working minutes on days `from` … `to` − 1 (day numbers). */
function minutesOfDays(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let table = dayTables.get(cal);
  if (!table || from < table.first) {
    // Start a little earlier than asked, so requests created a bit before do not rebuild it.
    table = { first: from - 31, sums: [0] };
    dayTables.set(cal, table);
  }
  const sums = table.sums;
  while (table.first + sums.length - 1 < to) sums.push(sums[sums.length - 1]! + minutesOn(cal, table.first + sums.length - 1));
  return sums[to - table.first]! - sums[from - table.first]!;
}

/** Working minutes on one local day between two instants of it. */
function minutesWithin(cal: BusinessCalendar, day: LocalDay, a: number, b: number): number {
  let total = 0;
  for (const [s, e] of intervalsOn(cal, day)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  return total / MS_PER_MIN;
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  const first = localDayOf(cal, a);
  const last = localDayOf(cal, b);
  const fn = dayNumber(first);
  const ln = dayNumber(last);
  if (fn === ln) return minutesWithin(cal, first, a, b);
  return minutesWithin(cal, first, a, Infinity) + minutesOfDays(cal, fn + 1, ln) + minutesWithin(cal, last, -Infinity, b);
}

/**
 * Working time on a local date ("YYYY-MM-DD") in the calendar's zone, from its first opening to
 * its last closing: what "needed by Thursday" (the end) or "resume on Monday" (the start) means
 * to the department doing the work. A closed day counts as 09:00–17:00 local.
 */
export function workingDay(cal: BusinessCalendar, date: string): { start: Date; end: Date } {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) throw new Error(`A date must look like 2026-12-01, not "${date}".`);
  const day = { y: +m[1]!, m: +m[2]! - 1, d: +m[3]! };
  const spans = intervalsOn(cal, day);
  if (!spans.length) return { start: new Date(instant(cal, day, 9 * 60)), end: new Date(instant(cal, day, 17 * 60)) };
  // A day worked until midnight ends at 23:59 on that date, not at 00:00 on the next one.
  const lastMinute = instant(cal, day, 24 * 60 - 1);
  return { start: new Date(spans[0]![0]), end: new Date(Math.min(spans[spans.length - 1]![1], lastMinute)) };
}

/** The local date ("YYYY-MM-DD") of an instant in the calendar's zone. */
export function localDate(cal: BusinessCalendar, at: Date): string {
  const day = localDayOf(cal, at.getTime());
  return `${day.y}-${pad(day.m + 1)}-${pad(day.d)}`;
}

/**
 * The end of the `days`-th working day after the local date of `from` in the calendar's zone
 * ("within 5 business days of done"): closed days and days without hours do not count. Zero days:
 * the end of that same day. Null when the calendar has no working day in the next year.
 */
export function endOfBusinessDays(cal: BusinessCalendar, from: Date, days: number): Date | null {
  if (days === 0) return workingDay(cal, localDate(cal, from)).end;
  const start = localDayOf(cal, from.getTime());
  let left = days;
  for (let i = 1; i <= 366; i++) {
    const utc = new Date(Date.UTC(start.y, start.m, start.d + i));
    const spans = intervalsOn(cal, { y: utc.getUTCFullYear(), m: utc.getUTCMonth(), d: utc.getUTCDate() });
    if (spans.length && --left === 0) return new Date(spans[spans.length - 1]![1]);
  }
  return null;
}

/**
 * The working day before the one `at` falls on, in the calendar's zone (a Monday's is the Friday
 * before, closures skipped): from its first opening to its last closing. Null when there is none
 * in the 60 days before.
 */
export function previousWorkingDay(cal: BusinessCalendar, at: Date): { start: Date; end: Date } | null {
  const today = localDayOf(cal, at.getTime());
  for (let i = 1; i <= 60; i++) {
    const utc = new Date(Date.UTC(today.y, today.m, today.d - i));
    const spans = intervalsOn(cal, { y: utc.getUTCFullYear(), m: utc.getUTCMonth(), d: utc.getUTCDate() });
    if (spans.length) return { start: new Date(spans[0]![0]), end: new Date(spans[spans.length - 1]![1]) };
  }
  return null;
}

/**
 * The local date `days` working days after `date` (before it when negative), in the calendar's
 * zone: "5 business days before the start date" in the department's own days, closures and days
 * without hours skipped. Zero: `date` itself, worked or not. Null when the year around it has too
 * few working days.
 */
export function workingDaysFrom(cal: BusinessCalendar, date: string, days: number): string | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) throw new Error(`A date must look like 2026-12-01, not "${date}".`);
  if (days === 0) return date;
  const step = days > 0 ? 1 : -1;
  let left = Math.abs(days);
  for (let i = 1; i <= 366; i++) {
    const utc = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]! + step * i));
    const day = { y: utc.getUTCFullYear(), m: utc.getUTCMonth(), d: utc.getUTCDate() };
    if (intervalsOn(cal, day).length && --left === 0) return `${day.y}-${pad(day.m + 1)}-${pad(day.d)}`;
  }
  return null;
}

/** Whether `text` is a calendar date written YYYY-MM-DD (that exists: no 30 February). */
export function isDayText(text: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (!m) return false;
  const utc = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return utc.getUTCFullYear() === +m[1]! && utc.getUTCMonth() === +m[2]! - 1 && utc.getUTCDate() === +m[3]!;
}
