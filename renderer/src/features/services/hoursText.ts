import { hhmm } from '../../ui/format.js';
import type { BusinessCalendar } from '../../../../shared/sla/calendar.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A calendar's week as people read opening hours: days with the same hours together, Monday
 * first ("Mon–Fri 08:00–12:00, 13:00–17:00"), closed days left out.
 */
export function hoursText(cal: BusinessCalendar): string[] {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const spans = (d: number) => (cal.week[d] ?? []).map(([s, e]) => `${hhmm(s)}–${hhmm(e)}`).join(', ');
  const out: string[] = [];
  let i = 0;
  while (i < order.length) {
    const text = spans(order[i]!);
    let j = i;
    while (j + 1 < order.length && spans(order[j + 1]!) === text) j++;
    if (text) out.push(`${DAYS[order[i]!]}${j > i ? `–${DAYS[order[j]!]}` : ''} ${text}`);
    i = j + 1;
  }
  return out;
}
