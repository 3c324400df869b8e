import { addDays, format, startOfMonth } from 'date-fns';

/** Whole days as a person picks them (yyyy-MM-dd, both included) as instants in this computer's calendar: from inclusive, to exclusive. */
export function daysRange(first: string, last: string): { from: string; to: string } {
  return { from: new Date(`${first}T00:00:00`).toISOString(), to: addDays(new Date(`${last}T00:00:00`), 1).toISOString() };
}

/** This month up to today, as days. */
export const monthSoFar = (now: Date): { first: string; last: string } => ({ first: format(startOfMonth(now), 'yyyy-MM-dd'), last: format(now, 'yyyy-MM-dd') });
