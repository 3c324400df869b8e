import type { Recurrence } from '../../../../shared/config/recurrence.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** "Every month on the 2nd business day", "Every 2 weeks on Monday": a recurrence as people say it. */
export function recurrenceText(r: Recurrence): string {
  if (r.every === 'weeks') return `${r.n === 1 ? 'Every week' : `Every ${r.n} weeks`} on ${WEEKDAYS[r.weekday]}`;
  const day = r.businessDay === -1 ? 'the last business day' : `the ${ordinal(r.businessDay)} business day`;
  return `${r.n === 1 ? 'Every month' : `Every ${r.n} months`} on ${day}`;
}

export { WEEKDAYS, ordinal };
