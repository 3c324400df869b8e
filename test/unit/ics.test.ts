import { describe, expect, it } from 'vitest';
import { parseIcsClosures } from '../../shared/sla/ics.js';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join(
    '\r\n',
  );

const FROM = { from: new Date('2026-06-01T12:00:00Z'), years: 3 };

describe('parseIcsClosures (calendar import)', () => {
  it('closes the days of all-day events; DTEND is exclusive; multi-day events close every day', () => {
    const file = ics(
      'SUMMARY:Reformation Day\nDTSTART;VALUE=DATE:20261031\nDTEND;VALUE=DATE:20261101',
      'SUMMARY:Winter closure\nDTSTART;VALUE=DATE:20261228\nDTEND;VALUE=DATE:20261231',
    );
    expect(parseIcsClosures(file, FROM)).toEqual({ closures: ['2026-10-31', '2026-12-28', '2026-12-29', '2026-12-30'], skippedTimed: 0 });
  });

  it('turns a yearly rule into a yearly closure, and an all-day event without DTEND into one day', () => {
    const file = ics('SUMMARY:Christmas Day\nDTSTART;VALUE=DATE:20201225\nRRULE:FREQ=YEARLY', 'SUMMARY:Inventory\nDTSTART:20270115');
    expect(parseIcsClosures(file, FROM).closures).toEqual(['--12-25', '2027-01-15']);
  });

  it('counts timed events instead of closing whole days for them, and reads folded lines', () => {
    const file = ics(
      'SUMMARY:Team meeting\nDTSTART;TZID=Europe/Berlin:20261124T100000\nDTEND;TZID=Europe/Berlin:20261124T110000',
      'SUMMARY:Long\n  name\nDTSTART;VALUE=DATE\n :20261224',
    );
    expect(parseIcsClosures(file, FROM)).toEqual({ closures: ['2026-12-24'], skippedTimed: 1 });
  });

  it('says what is wrong with a file that is not a calendar', () => {
    expect(() => parseIcsClosures('Name,Date\nXmas,2026-12-25', FROM)).toThrow(/not an iCalendar file/);
  });

  it('reads a US company calendar as Google exports it: floating holidays on their day every year, weekly closures, exceptions, durations', () => {
    // Real-shaped: a VTIMEZONE block, CRLF lines folded at 75 octets, a series with a moved occurrence.
    const file = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'X-WR-TIMEZONE:America/New_York',
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'TZNAME:EDT',
      'DTSTART:19700308T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'TZNAME:EST',
      'DTSTART:19701101T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20241128',
      'DTEND;VALUE=DATE:20241130',
      'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
      'SUMMARY:Thanksgiving (office closed Thursday and Friday)',
      'UID:thanksgiving@example.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20240527',
      'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO',
      'SUMMARY:Memorial Day',
      'UID:memorial@example.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20200704',
      'DTEND;VALUE=DATE:20200705',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:Independence Day',
      'UID:july4@example.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260703',
      'DURATION:P1D',
      'RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20260731',
      'EXDATE;VALUE=DATE:20260717',
      'SUMMARY:Summer Fridays: the warehouse office is closed on Fridays in July, except the stock',
      '  count week',
      'UID:summer-fridays@example.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261224',
      'DURATION:P2D',
      'SUMMARY:Christmas Eve and Day',
      'UID:xmas@example.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;TZID=America/New_York:20261124T100000',
      'DTEND;TZID=America/New_York:20261124T110000',
      'SUMMARY:All-hands',
      'UID:allhands@example.com',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(parseIcsClosures(file, FROM)).toEqual({
      closures: [
        '--07-04',
        '2026-05-25',
        '2026-07-03',
        '2026-07-10',
        '2026-07-24',
        '2026-07-31',
        '2026-11-26',
        '2026-11-27',
        '2026-12-24',
        '2026-12-25',
        '2027-05-31',
        '2027-11-25',
        '2027-11-26',
        '2028-05-29',
        '2028-11-23',
        '2028-11-24',
      ],
      skippedTimed: 1,
    });
  });

  it('expands a series with a moved occurrence by its rule, and stops at the years asked for', () => {
    const file = ics(
      'UID:inv@example.com\nSUMMARY:Stocktaking\nDTSTART;VALUE=DATE:20260105\nRRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=40',
      'UID:inv@example.com\nRECURRENCE-ID;VALUE=DATE:20260202\nSUMMARY:Stocktaking (moved)\nDTSTART;VALUE=DATE:20260203',
    );
    const { closures } = parseIcsClosures(file, { from: new Date('2026-03-01T00:00:00Z'), years: 1 });
    expect(closures).toEqual([
      '2026-01-05',
      '2026-02-03',
      '2026-03-02',
      '2026-04-06',
      '2026-05-04',
      '2026-06-01',
      '2026-07-06',
      '2026-08-03',
      '2026-09-07',
      '2026-10-05',
      '2026-11-02',
      '2026-12-07',
    ]);
  });

  it('says what is wrong with a calendar file it cannot parse', () => {
    expect(() => parseIcsClosures('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026\r\n', FROM)).toThrow(/could not be read/);
  });

  it('names an event whose rule cannot be expanded instead of failing with the parser’s words', () => {
    const file = ics('UID:m@example.com\nSUMMARY:Noise\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=MINUTELY');
    expect(() => parseIcsClosures(file, FROM)).toThrow(/The event “Noise” repeats in a way that cannot be read .*Remove it from the calendar file/);
  });

  it('stops looking at a rule that starts in year 1 long before it could freeze the window', () => {
    const file = ics('UID:d@example.com\nSUMMARY:Daily since year 1\nDTSTART;VALUE=DATE:00010101\nRRULE:FREQ=DAILY');
    const started = performance.now();
    expect(parseIcsClosures(file, FROM).closures).toEqual([]);
    // Without the cap this walks 740,000 days before reaching 2026.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
