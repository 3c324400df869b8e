import { parseHlc } from '../ops/hlc.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { endOfBusinessDays } from '../sla/calendar.js';
import type { Registers } from './replica.js';

/**
 * Until when the requesting department may reopen a done request: the end of the providing
 * department's `days`-th business day after it was done (its service page says how many, `cal` is
 * its calendar); null when that has passed, the request is not done, or the department takes none back.
 */
export function reopenUntil(rec: Pick<Registers, 'status'>, cal: BusinessCalendar | undefined, days: number, now: number): string | null {
  if (rec.status?.value !== 'done') return null;
  const end = cal && days > 0 ? endOfBusinessDays(cal, new Date(parseHlc(rec.status.hlc).wall), days) : null;
  return end && end.getTime() > now ? end.toISOString() : null;
}
