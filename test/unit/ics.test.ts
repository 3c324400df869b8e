import { describe, expect, it } from 'vitest';
import { parseIcsClosures } from '../../shared/sla/ics.js';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join(
    '\r\n',
  );

describe('parseIcsClosures (calendar import)', () => {
  it('closes the days of all-day events; DTEND is exclusive; multi-day events close every day', () => {
    const file = ics(
      'SUMMARY:Reformation Day\nDTSTART;VALUE=DATE:20261031\nDTEND;VALUE=DATE:20261101',
      'SUMMARY:Winter closure\nDTSTART;VALUE=DATE:20261228\nDTEND;VALUE=DATE:20261231',
    );
    expect(parseIcsClosures(file)).toEqual({ closures: ['2026-10-31', '2026-12-28', '2026-12-29', '2026-12-30'], skippedTimed: 0 });
  });

  it('turns a yearly rule into a yearly closure, and an all-day event without DTEND into one day', () => {
    const file = ics('SUMMARY:Christmas Day\nDTSTART;VALUE=DATE:20201225\nRRULE:FREQ=YEARLY', 'SUMMARY:Inventory\nDTSTART:20270115');
    expect(parseIcsClosures(file).closures).toEqual(['--12-25', '2027-01-15']);
  });

  it('counts timed events instead of closing whole days for them, and reads folded lines', () => {
    const file = ics(
      'SUMMARY:Team meeting\nDTSTART;TZID=Europe/Berlin:20261124T100000\nDTEND;TZID=Europe/Berlin:20261124T110000',
      'SUMMARY:Long\n  name\nDTSTART;VALUE=DATE\n :20261224',
    );
    expect(parseIcsClosures(file)).toEqual({ closures: ['2026-12-24'], skippedTimed: 1 });
  });

  it('says what is wrong with a file that is not a calendar', () => {
    expect(() => parseIcsClosures('Name,Date\nXmas,2026-12-25')).toThrow(/not an iCalendar file/);
  });
});
