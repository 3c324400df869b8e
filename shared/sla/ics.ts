/**
 * Closed days from an iCalendar (.ics) file, as exported by Outlook, Google Calendar or a public
 * holiday feed: each all-day event closes its days; a yearly rule makes them yearly closures.
 * Timed events (a two-hour meeting) cannot close a whole day and are counted, not imported.
 */
export interface IcsImport {
  closures: string[];
  /** Events skipped because they are not all-day. */
  skippedTimed: number;
}

const MAX_DAYS_PER_EVENT = 366;

function unfold(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

function dateOf(value: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})(\d\d)(\d\d)$/.exec(value.trim());
  return m ? { y: +m[1]!, m: +m[2]!, d: +m[3]! } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseIcsClosures(text: string): IcsImport {
  if (!/BEGIN:VCALENDAR/i.test(text)) throw new Error('This is not an iCalendar file (no BEGIN:VCALENDAR). Export the calendar as .ics and try again.');
  const closures = new Set<string>();
  let skippedTimed = 0;
  let event: Record<string, string> | null = null;
  for (const line of unfold(text)) {
    const upper = line.toUpperCase();
    if (upper.startsWith('BEGIN:VEVENT')) event = {};
    else if (upper.startsWith('END:VEVENT') && event) {
      const start = event.DTSTART ? dateOf(event.DTSTART) : null;
      if (!start) {
        if (event.DTSTART) skippedTimed++;
      } else {
        const end = event.DTEND ? dateOf(event.DTEND) : null;
        const yearly = /FREQ=YEARLY/i.test(event.RRULE ?? '');
        const first = Date.UTC(start.y, start.m - 1, start.d);
        const last = end ? Date.UTC(end.y, end.m - 1, end.d) : first + 86_400_000; // DTEND is exclusive
        for (let t = first, n = 0; t < last && n < MAX_DAYS_PER_EVENT; t += 86_400_000, n++) {
          const d = new Date(t);
          const md = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
          closures.add(yearly ? `--${md}` : `${d.getUTCFullYear()}-${md}`);
        }
      }
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      if (colon > 0) event[line.slice(0, colon).split(';')[0]!.toUpperCase()] = line.slice(colon + 1);
    }
  }
  return { closures: [...closures].sort(), skippedTimed };
}
