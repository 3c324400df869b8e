import type { RequestSummary } from '../model/request.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { isWorkingTime, localDate, previousWorkingDay } from '../sla/calendar.js';
import { isOpen } from '../core/status.js';
import type { Fact } from './policy.js';

/**
 * A lead's morning summary (issue 17: escalation): once each business day, in the lead's
 * department's hours, what breached on the working day before (fell overdue then, or was closed
 * late then) and what is overdue now. `rows`: the department's incoming requests, closed ones
 * too. Null outside working time, or when there is nothing to say.
 */
export function morningFact(department: string, rows: readonly RequestSummary[], cal: BusinessCalendar, now: Date): Fact | null {
  if (!isWorkingTime(cal, now)) return null;
  const yesterday = previousWorkingDay(cal, now);
  const within = (iso: string | null | undefined) => {
    if (!iso || !yesterday) return false;
    const t = Date.parse(iso);
    return t >= yesterday.start.getTime() && t < yesterday.end.getTime();
  };
  const clocks = (r: RequestSummary) => (r.sla ? [r.sla.response, r.sla.resolution] : []);
  const breachedYesterday = rows.filter((r) => !r.unreadable && clocks(r).some((c) => c.state === 'breached' && (within(c.dueAt) || within(c.stoppedAt))));
  const overdueNow = rows.filter((r) => !r.unreadable && isOpen(r.status) && clocks(r).some((c) => c.state === 'breached'));
  if (!breachedYesterday.length && !overdueNow.length) return null;
  const named = [...new Map([...overdueNow, ...breachedYesterday].map((r) => [r.id, r])).values()];
  const shown = named
    .slice(0, 5)
    .map((r) => `${r.key} ${r.title}`)
    .join('; ');
  return {
    key: `morning:${department}:${localDate(cal, now)}`,
    kind: 'morningSummary',
    requestId: '',
    title: `${department} this morning: ${breachedYesterday.length} breached ${dayName(cal, now, yesterday)}, ${overdueNow.length} overdue now`,
    body: named.length > 5 ? `${shown}; and ${named.length - 5} more` : shown,
  };
}

/** "yesterday", or the weekday of the last working day when that was longer ago ("on Friday" on a Monday). */
function dayName(cal: BusinessCalendar, now: Date, day: { start: Date } | null): string {
  if (!day) return 'lately';
  if (localDate(cal, day.start) === localDate(cal, new Date(now.getTime() - 86_400_000))) return 'yesterday';
  return `on ${new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: cal.timeZone }).format(day.start)}`;
}
