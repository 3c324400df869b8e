import ICAL from 'ical.js';

/**
 * Closed days from an iCalendar (.ics) file, as exported by Outlook, Google Calendar, Apple
 * Calendar or a public holiday feed, read with ical.js (line folding, TZIDs, EXDATEs, DURATIONs
 * and every RRULE form). Each all-day event closes its days. A plain yearly rule on a fixed date
 * becomes a yearly closure (--12-25); any other recurrence (a floating "4th Thursday", a weekly
 * closure, a rule with exceptions or an end) is expanded into its dates over the years ahead.
 * Timed events (a two-hour meeting) cannot close a whole day and are counted, not imported.
 */
export interface IcsImport {
  closures: string[];
  /** Events skipped because they are not all-day. */
  skippedTimed: number;
}

export interface IcsImportOptions {
  /** Recurrences are expanded from the start of this date's year … */
  from: Date;
  /** … for this many years (a calendar looks ten years ahead at most; see calendar.ts). */
  years?: number;
}

const DEFAULT_YEARS = 5;
/** Far more than any real calendar; a file that expands past it is cut there, not left to run. */
const MAX_CLOSURES = 2_000;
const MAX_DAYS_PER_EVENT = 366;
/** Occurrences looked at per event: a daily rule from 1970 is ~20,000, a crafted one from year 1 stops here instead of freezing the window. */
const MAX_OCCURRENCES = 20_000;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (t: ICAL.Time) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** A rule that says no more than "every year on this date": stored as one yearly closure. */
function isPlainYearly(event: ICAL.Event): boolean {
  if (event.component.hasProperty('exdate') || event.component.hasProperty('rdate')) return false;
  const rules = event.component.getAllProperties('rrule');
  if (rules.length !== 1) return false;
  const rule = rules[0]!.getFirstValue() as ICAL.Recur;
  const parts = Object.keys(rule.parts).filter((p) => !(p === 'BYMONTH' && rule.parts.BYMONTH?.[0] === event.startDate.month));
  return rule.freq === 'YEARLY' && rule.interval === 1 && !rule.until && !rule.count && parts.length === 0;
}

/** The days an occurrence closes: from its start, for as many days as the event lasts (DTEND or DURATION; at least one). */
function closedDays(start: ICAL.Time, days: number, add: (day: string) => void): void {
  const day = start.clone();
  for (let n = 0; n < Math.max(1, Math.min(days, MAX_DAYS_PER_EVENT)); n++) {
    add(dayOf(day));
    day.adjust(1, 0, 0, 0);
  }
}

/** Some exports write a bare date without VALUE=DATE, which RFC 5545 (and ical.js) read as a broken date-time. */
const bareDates = (text: string) => text.replace(/^(DTSTART|DTEND|EXDATE|RDATE)((?:;(?!VALUE=)[^:\r\n]*)*):(\d{8})(?=\r?$)/gim, '$1$2;VALUE=DATE:$3');

export function parseIcsClosures(text: string, { from, years = DEFAULT_YEARS }: IcsImportOptions): IcsImport {
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new Error('This is not an iCalendar file (no BEGIN:VCALENDAR). Export the calendar as .ics and try again.');
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(bareDates(text)));
  } catch (err) {
    throw new Error(`This calendar file could not be read (${(err as Error).message}). Export it again as .ics and try again.`);
  }
  const closures = new Set<string>();
  const add = (day: string) => closures.size < MAX_CLOSURES && closures.add(day);
  const horizonStart = ICAL.Time.fromDateString(`${from.getUTCFullYear()}-01-01`);
  const horizonEnd = ICAL.Time.fromDateString(`${from.getUTCFullYear() + years}-01-01`);
  let skippedTimed = 0;
  const events = calendar
    .getAllSubcomponents('vevent')
    .filter((vevent) => vevent.hasProperty('dtstart'))
    .map((vevent) => new ICAL.Event(vevent));
  // A changed single occurrence (RECURRENCE-ID) belongs to its series: the series answers for its date.
  const series = events.filter((e) => !e.isRecurrenceException());
  const byUid = new Map(series.filter((e) => e.uid).map((e) => [e.uid, e]));
  for (const moved of events) if (moved.isRecurrenceException()) byUid.get(moved.uid)?.relateException(moved);
  for (const event of series) {
    if (!event.startDate.isDate) {
      skippedTimed++;
      continue;
    }
    const days = Math.round(event.endDate.subtractDate(event.startDate).toSeconds() / 86_400);
    if (!event.isRecurring()) {
      closedDays(event.startDate, days, add);
    } else if (isPlainYearly(event)) {
      add(`--${pad(event.startDate.month)}-${pad(event.startDate.day)}`);
    } else {
      try {
        const occurrences = event.iterator();
        let looked = 0;
        for (
          let next = occurrences.next();
          next && next.compare(horizonEnd) < 0 && closures.size < MAX_CLOSURES && looked++ < MAX_OCCURRENCES;
          next = occurrences.next()
        ) {
          const occurrence = event.getOccurrenceDetails(next);
          if (!occurrence.startDate.isDate) continue;
          const length = Math.round(occurrence.endDate.subtractDate(occurrence.startDate).toSeconds() / 86_400);
          if (occurrence.startDate.compare(horizonStart) >= 0) closedDays(occurrence.startDate, length, add);
        }
      } catch (err) {
        // ical.js refuses rules it cannot expand (an all-day event every minute finds the same day twice).
        throw new Error(
          `The event “${event.summary || event.uid || 'without a name'}” repeats in a way that cannot be read (${(err as Error).message}). Remove it from the calendar file and import again.`,
        );
      }
    }
  }
  return { closures: [...closures].sort(), skippedTimed };
}
