import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../../shared/config/recurrence.js';
import { occurrenceId, occurrences } from '../../shared/config/recurrence.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { weekdays } from '../../shared/sla/calendar.js';

const office = (timeZone: string, closures: string[] = []): BusinessCalendar => ({ timeZone, week: weekdays('08:00-12:00', '13:00-17:00'), closures });
const BERLIN = office('Europe/Berlin', ['--01-01', '--12-25', '--12-26']);
const NEW_YORK = office('America/New_York', ['--01-01', '2026-11-26']);

describe('when a recurring request falls, in the providing department’s days', () => {
  it.each<[string, Recurrence, string, string | null, BusinessCalendar, string, string, string[]]>([
    [
      'every 2 weeks on Monday, from a Wednesday start',
      { every: 'weeks', n: 2, weekday: 1 },
      '2026-11-04',
      null,
      BERLIN,
      '2026-11-01',
      '2026-12-31',
      ['2026-11-09', '2026-11-23', '2026-12-07', '2026-12-21'],
    ],
    [
      '… the same asked from mid-way, and ending',
      { every: 'weeks', n: 2, weekday: 1 },
      '2026-11-04',
      '2026-12-10',
      BERLIN,
      '2026-11-20',
      '2026-12-31',
      ['2026-11-23', '2026-12-07'],
    ],
    [
      'monthly on the 1st business day: New Year is closed, 2 January a Saturday',
      { every: 'months', n: 1, businessDay: 1 },
      '2026-11-15',
      null,
      BERLIN,
      '2026-11-01',
      '2027-02-28',
      ['2026-12-01', '2027-01-04', '2027-02-01'],
    ],
    [
      'monthly on the last business day (New York, Thanksgiving closed)',
      { every: 'months', n: 1, businessDay: -1 },
      '2026-11-01',
      null,
      NEW_YORK,
      '2026-11-01',
      '2027-01-31',
      ['2026-11-30', '2026-12-31', '2027-01-29'],
    ],
    [
      'every 3 months on the 20th business day (Thanksgiving, closed, moves November’s)',
      { every: 'months', n: 3, businessDay: 20 },
      '2026-11-01',
      null,
      NEW_YORK,
      '2026-11-01',
      '2027-05-31',
      ['2026-11-30', '2027-02-26', '2027-05-28'],
    ],
  ])('%s', (_, recurrence, start, end, cal, from, to, expected) => {
    expect(occurrences(recurrence, start, end, cal, from, to)).toEqual(expected);
  });

  it('asked in pieces or at once, the same dates: sorted, inside the window, the start and the end; a monthly one a working day (property)', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
      fc.record({ every: fc.constant('weeks' as const), n: fc.integer({ min: 1, max: 8 }), weekday: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ every: fc.constant('months' as const), n: fc.integer({ min: 1, max: 6 }), businessDay: fc.constantFrom(-1, 1, 2, 5, 21) }),
    );
    fc.assert(
      fc.property(recurrence, fc.nat(400), fc.option(fc.nat(800)), fc.nat(600), fc.nat(300), fc.nat(300), (r, s, e, a, b, c) => {
        const [start, end, from, mid, to] = [day(s), e === null ? null : day(e), day(a), day(a + b), day(a + b + 1 + c)];
        const whole = occurrences(r, start, end, NEW_YORK, from, to);
        expect([...occurrences(r, start, end, NEW_YORK, from, mid), ...occurrences(r, start, end, NEW_YORK, day(a + b + 1), to)]).toEqual(whole);
        expect([...whole].sort()).toEqual(whole);
        for (const d of whole) {
          expect(d >= from && d <= to && d >= start && (end === null || d <= end)).toBe(true);
          if (r.every === 'months') expect(new Date(`${d}T12:00:00Z`).getUTCDay() % 6).not.toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an occurrence’s request id is the same on every machine, and another for another date, schedule or department', () => {
    const id = occurrenceId('Nursing', 'scrubs', '2026-12-01');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(occurrenceId('Nursing', 'scrubs', '2026-12-01')).toBe(id);
    fc.assert(
      fc.property(fc.tuple(fc.string(), fc.string(), fc.string()), fc.tuple(fc.string(), fc.string(), fc.string()), (a, b) => {
        fc.pre(a.join('\u0001') !== b.join('\u0001'));
        expect(occurrenceId(...a)).not.toBe(occurrenceId(...b));
      }),
    );
  });
});
