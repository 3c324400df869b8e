import { isDayText, workingDaysFrom } from '../sla/calendar.js';
import type { BusinessCalendar } from '../sla/calendar.js';

/**
 * Requests asked for again and again (issue 19): the hospital's scrubs every month. When an
 * occurrence falls is counted in the providing department's calendar ("the 2nd business day of
 * the month" is its business days); its request id is derived from the schedule and the date, so
 * every machine that creates it, online or not, makes the same request, once.
 */
export type Recurrence =
  /** Every `n` weeks on `weekday` (0 Sunday … 6 Saturday), counted from the start date's week. */
  | { every: 'weeks'; n: number; weekday: number }
  /** Every `n` months on the `businessDay`-th working day of the month (-1: its last). */
  | { every: 'months'; n: number; businessDay: number };

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The working days of a month in the calendar, in order (none: a month it is closed). */
function monthDays(cal: BusinessCalendar, year: number, month: number): string[] {
  const first = `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const days: string[] = [];
  // The working days of the month: from the day before the 1st, step forward while in the month.
  let day = workingDaysFrom(cal, dateOf(dayNumber(first) - 1), 1);
  while (day && day.slice(0, 7) === first.slice(0, 7)) {
    days.push(day);
    day = workingDaysFrom(cal, day, 1);
  }
  return days;
}

/**
 * The dates (YYYY-MM-DD) a recurrence falls on from `from` to `to` (both included), never before
 * `start` nor after `end`; a monthly date is a working day of `cal`, a weekly one the weekday
 * itself (a closed day too: "skip next" is for that).
 */
export function occurrences(recurrence: Recurrence, start: string, end: string | null, cal: BusinessCalendar, from: string, to: string): string[] {
  if (!isDayText(start) || !isDayText(from) || !isDayText(to) || (end !== null && !isDayText(end))) return [];
  const lo = Math.max(dayNumber(start), dayNumber(from));
  const hi = Math.min(end === null ? Number.POSITIVE_INFINITY : dayNumber(end), dayNumber(to));
  if (lo > hi) return [];
  const out: string[] = [];
  if (recurrence.every === 'weeks') {
    // The first such weekday on or after the start; then every n weeks.
    const s = dayNumber(start);
    const first = s + ((recurrence.weekday - new Date(s * DAY_MS).getUTCDay() + 7) % 7);
    const period = 7 * recurrence.n;
    for (let d = first + Math.max(0, Math.ceil((lo - first) / period)) * period; d <= hi; d += period) out.push(dateOf(d));
    return out;
  }
  const s = new Date(dayNumber(start) * DAY_MS);
  const startMonth = s.getUTCFullYear() * 12 + s.getUTCMonth();
  const l = new Date(lo * DAY_MS);
  const fromMonth = l.getUTCFullYear() * 12 + l.getUTCMonth();
  let m = startMonth + Math.max(0, Math.ceil((fromMonth - startMonth) / recurrence.n)) * recurrence.n;
  for (; ; m += recurrence.n) {
    // Past the range: stop before walking that month's days.
    if (dayNumber(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`) > hi) break;
    const days = monthDays(cal, Math.floor(m / 12), m % 12);
    const day = recurrence.businessDay === -1 ? days.at(-1) : days[recurrence.businessDay - 1];
    if (day && dayNumber(day) >= lo && dayNumber(day) <= hi) out.push(day);
  }
  return out;
}

/** A 128-bit FNV-1a hash of `text`, as 32 hex digits: the same on every machine, no library. */
function fnv1a128(text: string): string {
  let hash = 0x6c62272e07bb014262b821756295c58dn;
  const prime = 0x0000000001000000000000000000013bn;
  const mask = (1n << 128n) - 1n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * prime) & mask;
  return hash.toString(16).padStart(32, '0');
}

/**
 * The request id of a schedule's occurrence on `date`: a UUID (version 8, derived) from the
 * department, the schedule and the date. Two machines that both create it make one request.
 */
export function occurrenceId(department: string, scheduleId: string, date: string): string {
  const h = fnv1a128(`interdesk occurrence\u0000${department}\u0000${scheduleId}\u0000${date}`);
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
