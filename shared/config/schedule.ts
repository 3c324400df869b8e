import { z } from 'zod';
import { PRIORITIES } from '../core/priority.js';
import type { Priority } from '../core/priority.js';
import { isDayText, localDate, workingDay, workingDaysFrom } from '../sla/calendar.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { Recurrence } from './recurrence.js';
import { occurrences } from './recurrence.js';
import { configId as key, configText as line, departmentName } from './schema.js';

/**
 * A request a department asks for again and again (issue 19): the ward's scrubs from Supply on
 * the 2nd business day of every month. It belongs to the asking department; each occurrence is
 * created `aheadDays` of the provider's working days before its date by any of that department's
 * machines that runs, with an id derived from the schedule and the date.
 */
export interface Schedule {
  id: string;
  /** What people call it ("Scrubs for ward 3"). */
  name: string;
  /** The providing department and the request type of its catalog. */
  department: string;
  typeId: string;
  title: string;
  details: string;
  answers: Record<string, string>;
  priority: Priority;
  recurrence: Recurrence;
  /** The first date it may fall on, and the last (null: no end). Ending a schedule sets its end. */
  start: string;
  end: string | null;
  /** How many of the provider's working days before its date an occurrence is asked for. */
  aheadDays: number;
  /** A paused schedule creates nothing until resumed; what falls meanwhile is not made up for. */
  paused: boolean;
  /** Dates it does not ask for (a holiday the calendar does not know): "skip next". */
  skips: string[];
}

export const MAX_SCHEDULES = 200;
export const MAX_SKIPS = 100;

const day = (label: string) => z.string({ error: `${label} must be a date.` }).refine(isDayText, `${label} must be a date such as 2026-12-01.`);

const recurrenceSchema = z.discriminatedUnion(
  'every',
  [
    z.strictObject({
      every: z.literal('weeks'),
      n: z.number().int('Every whole number of weeks.').min(1, 'At least every week.').max(52, 'At most every 52 weeks.'),
      weekday: z.number().int().min(0, 'A weekday is 0 (Sunday) to 6.').max(6, 'A weekday is 0 (Sunday) to 6.'),
    }),
    z.strictObject({
      every: z.literal('months'),
      n: z.number().int('Every whole number of months.').min(1, 'At least every month.').max(12, 'At most every 12 months.'),
      businessDay: z
        .number()
        .int()
        .refine((d) => d === -1 || (d >= 1 && d <= 23), 'The business day of the month is 1 to 23, or the last.'),
    }),
  ],
  { error: 'A schedule repeats every N weeks on a weekday or every N months on a business day.' },
);

/** A schedule as it may be written to the share: checked in shape and in meaning (an end after its start). */
export const scheduleSchema = z
  .strictObject({
    id: key,
    name: line('A schedule’s name', 120).min(1, 'A schedule needs a name.'),
    department: departmentName,
    typeId: key,
    title: line('A title', 1000).min(1, 'A schedule needs the title of what it asks for.'),
    details: line('Details', 10_000),
    answers: z.record(key, line('An answer', 2_000)).refine((a) => Object.keys(a).length <= 40, 'At most 40 answers.'),
    priority: z.enum(PRIORITIES, { error: 'A priority is P1, P2, P3 or P4.' }),
    recurrence: recurrenceSchema,
    start: day('The start'),
    end: day('The end').nullable(),
    aheadDays: z.number().int('Whole working days.').min(0, 'Not after its date.').max(60, 'At most 60 working days ahead.'),
    paused: z.boolean(),
    skips: z.array(day('A skipped date')).max(MAX_SKIPS, `At most ${MAX_SKIPS} skipped dates.`),
  })
  .refine((s) => s.end === null || s.end >= s.start, 'A schedule cannot end before it starts.');

/**
 * The dates whose request is due to be asked for at `now`: from today (in the provider's zone) to
 * `aheadDays` of its working days on, neither skipped nor already over (needed by the end of the
 * provider's working day). A paused schedule has none; one that was off for a while does not
 * make up for dates that passed meanwhile.
 */
export function dueOccurrences(schedule: Schedule, cal: BusinessCalendar, now: Date): string[] {
  if (schedule.paused) return [];
  const today = localDate(cal, now);
  const horizon = workingDaysFrom(cal, today, schedule.aheadDays) ?? today;
  return occurrences(schedule.recurrence, schedule.start, schedule.end, cal, today, horizon).filter(
    (date) => !schedule.skips.includes(date) && workingDay(cal, date).end.getTime() > now.getTime(),
  );
}
