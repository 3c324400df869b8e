import { differenceInCalendarDays, differenceInCalendarMonths, differenceInMinutes } from 'date-fns';

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * How far away a due date is, in words a queue can show: "due in 45 min", "due in 5 h",
 * "due tomorrow", "due in 3 days", "overdue by 2 h". Under a day it counts hours; beyond, it
 * counts calendar days in local time, so a date just past midnight reads "tomorrow".
 */
export function dueLabel(due: Date, now: Date): string {
  const minutes = differenceInMinutes(due, now);
  const overdue = minutes < 0;
  const span = describeSpan(overdue ? now : due, overdue ? due : now, Math.abs(minutes));
  if (span === 'now') return 'due now';
  if (overdue) return `overdue by ${span === 'tomorrow' ? '1 day' : span}`;
  return span === 'tomorrow' ? 'due tomorrow' : `due in ${span}`;
}

function describeSpan(later: Date, earlier: Date, minutes: number): string {
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h`;
  const days = differenceInCalendarDays(later, earlier);
  if (days === 1) return 'tomorrow';
  if (days < 14) return plural(days, 'day');
  if (days < 60) return plural(Math.floor(days / 7), 'week');
  return plural(differenceInCalendarMonths(later, earlier), 'month');
}

/** A request's age, compact for a table column: "12 min", "5 h", "3 d", "6 w". */
export function ageLabel(created: Date, now: Date): string {
  const minutes = Math.max(0, differenceInMinutes(now, created));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h`;
  const days = Math.floor(minutes / (24 * 60));
  return days < 14 ? `${days} d` : `${Math.floor(days / 7)} w`;
}
