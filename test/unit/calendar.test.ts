import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  endOfBusinessDays,
  hours,
  isWorkingTime,
  localDate,
  weekdays,
  workingDay,
} from '../../shared/sla/calendar.js';

const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-18:00'), closures: [] };
const withLunch: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-12:00', '13:00-17:00'), closures: [] };
const newYork: BusinessCalendar = { timeZone: 'America/New_York', week: weekdays('09:00-17:00'), closures: [] };
const holidays: BusinessCalendar = { ...berlin, closures: ['2026-12-24', '--12-25', '--12-26', '--01-01'] };

const H = 60;

describe('addBusinessMinutes', () => {
  it.each([
    {
      cal: berlin,
      start: '2026-11-24T15:00:00Z',
      minutes: 4 * H,
      due: '2026-11-25T09:00:00Z',
      why: '16:00 + 4 h falls due at 10:00 the next working day (CET = UTC+1)',
    },
    { cal: berlin, start: '2026-11-24T09:00:00Z', minutes: 2 * H, due: '2026-11-24T11:00:00Z', why: 'inside the day' },
    { cal: berlin, start: '2026-11-24T07:00:00Z', minutes: 10 * H, due: '2026-11-24T17:00:00Z', why: 'a whole day ends at closing time, not the next morning' },
    { cal: berlin, start: '2026-11-24T05:00:00Z', minutes: 1 * H, due: '2026-11-24T08:00:00Z', why: 'before opening: the clock starts at 08:00' },
    { cal: berlin, start: '2026-11-24T19:00:00Z', minutes: 1 * H, due: '2026-11-25T08:00:00Z', why: 'after closing: the clock starts next morning' },
    { cal: berlin, start: '2026-11-27T15:00:00Z', minutes: 4 * H, due: '2026-11-30T09:00:00Z', why: 'Friday 16:00 + 4 h → Monday 10:00, across a weekend' },
    { cal: berlin, start: '2026-11-28T10:00:00Z', minutes: 1 * H, due: '2026-11-30T08:00:00Z', why: 'set on a Saturday: starts Monday' },
    { cal: holidays, start: '2026-12-23T15:00:00Z', minutes: 4 * H, due: '2026-12-28T09:00:00Z', why: 'Christmas Eve, Christmas and Boxing Day are closed' },
    {
      cal: holidays,
      start: '2027-12-24T08:00:00Z',
      minutes: 1 * H,
      due: '2027-12-24T09:00:00Z',
      why: 'a one-off closure (24 Dec 2026) does not repeat: Friday 24 Dec 2027 is open',
    },
    { cal: holidays, start: '2027-12-24T15:00:00Z', minutes: 3 * H, due: '2027-12-27T08:00:00Z', why: 'Friday 16:00 + 3 h runs to closing, then Monday 09:00' },
    {
      cal: holidays,
      start: '2030-12-24T15:00:00Z',
      minutes: 3 * H,
      due: '2030-12-27T08:00:00Z',
      why: 'yearly closures repeat: in 2030 the 25th and 26th are a Wednesday and Thursday',
    },
    { cal: withLunch, start: '2026-11-24T10:00:00Z', minutes: 2 * H, due: '2026-11-24T13:00:00Z', why: '11:00 + 2 h skips the lunch hour → 14:00' },
    { cal: withLunch, start: '2026-11-24T11:30:00Z', minutes: 30, due: '2026-11-24T12:30:00Z', why: 'set during lunch: counts from 13:00' },
    {
      cal: withLunch,
      start: '2026-11-24T08:00:00Z',
      minutes: 9 * H,
      due: '2026-11-25T09:00:00Z',
      why: '8 working hours a day: 9 h from 09:00 is 7 h today and 2 h tomorrow → 10:00',
    },
    { cal: berlin, start: '2026-03-27T15:00:00Z', minutes: 4 * H, due: '2026-03-30T08:00:00Z', why: 'Friday 16:00 CET + 4 h → Monday 10:00 CEST (UTC+2)' },
    { cal: berlin, start: '2026-10-23T14:00:00Z', minutes: 4 * H, due: '2026-10-26T09:00:00Z', why: 'Friday 16:00 CEST + 4 h → Monday 10:00 CET' },
    { cal: newYork, start: '2026-03-06T20:00:00Z', minutes: 3 * H, due: '2026-03-09T14:00:00Z', why: 'Friday 15:00 EST + 3 h → Monday 10:00 EDT (UTC−4)' },
    { cal: newYork, start: '2026-10-30T19:00:00Z', minutes: 3 * H, due: '2026-11-02T15:00:00Z', why: 'Friday 15:00 EDT + 3 h → Monday 10:00 EST (UTC−5)' },
    { cal: berlin, start: '2026-11-24T10:00:00Z', minutes: 0, due: '2026-11-24T10:00:00Z', why: 'zero inside working time is now' },
    { cal: berlin, start: '2026-11-28T10:00:00Z', minutes: 0, due: '2026-11-30T07:00:00Z', why: 'zero outside working time is the next opening' },
  ])('$why', ({ cal, start, minutes, due }) => {
    expect(addBusinessMinutes(cal, new Date(start), minutes).toISOString()).toBe(new Date(due).toISOString());
  });

  it('refuses a calendar with no working time instead of looping', () => {
    const closed: BusinessCalendar = { timeZone: 'Europe/Berlin', week: [[], [], [], [], [], [], []], closures: [] };
    expect(() => addBusinessMinutes(closed, new Date('2026-11-24T10:00:00Z'), 60)).toThrow(/no working time/);
  });

  it('refuses negative business time and malformed hours, saying what is expected', () => {
    expect(() => addBusinessMinutes(berlin, new Date(), -5)).toThrow(/zero or more minutes/);
    expect(() => hours('8-12')).toThrow(/08:00-12:00/);
    expect(() => hours('12:00-08:00')).toThrow(/end before they start/);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['2026-11-24T15:00:00Z', '2026-11-25T09:00:00Z', 4 * H],
    ['2026-11-27T15:00:00Z', '2026-11-30T09:00:00Z', 4 * H],
    ['2026-11-28T00:00:00Z', '2026-11-29T23:00:00Z', 0],
    ['2026-11-25T09:00:00Z', '2026-11-24T15:00:00Z', 0],
  ])('from %s to %s is %i working minutes', (a, b, minutes) => {
    expect(businessMinutesBetween(berlin, new Date(a), new Date(b))).toBe(minutes);
  });
});

const calendars = [berlin, withLunch, newYork, holidays];
const instantIn2026 = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((t) => new Date(t - (t % 60_000)));

describe('properties', () => {
  it('a due date never falls outside working time (it may be exactly at closing)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instantIn2026, fc.integer({ min: 1, max: 5 * 24 * 60 }), (cal, start, minutes) => {
        const due = addBusinessMinutes(cal, start, minutes);
        return isWorkingTime(cal, new Date(due.getTime() - 1));
      }),
      { numRuns: 300 },
    );
  });

  it('adding then measuring gives back the same business time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instantIn2026, fc.integer({ min: 0, max: 5 * 24 * 60 }), (cal, start, minutes) => {
        const due = addBusinessMinutes(cal, start, minutes);
        return businessMinutesBetween(cal, start, due) === minutes;
      }),
      { numRuns: 300 },
    );
  });

  it('more elapsed time never means more time remaining', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instantIn2026, fc.nat(10_000), fc.nat(10_000), (cal, start, a, b) => {
        const due = addBusinessMinutes(cal, start, 16 * 60);
        const [early, late] = [Math.min(a, b), Math.max(a, b)].map((m) => new Date(start.getTime() + m * 60_000));
        return businessMinutesBetween(cal, late!, due) <= businessMinutesBetween(cal, early!, due);
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingDay and localDate: what a date means to the department doing the work', () => {
  const lunch: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-12:00', '13:00-17:00'), closures: ['2026-12-24'] };
  it.each([
    ['a working day: from its first opening to its last closing', lunch, '2026-11-24', '2026-11-24T07:00:00.000Z', '2026-11-24T16:00:00.000Z'],
    ['a closed day counts as 09:00–17:00 local', lunch, '2026-12-24', '2026-12-24T08:00:00.000Z', '2026-12-24T16:00:00.000Z'],
    [
      'a day worked until midnight ends at 23:59 that day',
      { ...lunch, week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]) },
      '2026-11-24',
      '2026-11-23T23:00:00.000Z',
      '2026-11-24T22:59:00.000Z',
    ],
    [
      'the day summer time starts (Berlin, 29 Mar 2026)',
      { ...lunch, week: Array.from({ length: 7 }, () => [[480, 1020]] as [number, number][]) },
      '2026-03-29',
      '2026-03-29T06:00:00.000Z',
      '2026-03-29T15:00:00.000Z',
    ],
  ])('%s', (_name, cal, date, start, end) => {
    expect(workingDay(cal, date)).toEqual({ start: new Date(start), end: new Date(end) });
  });

  it('localDate reads an instant in the calendar’s zone, not the machine’s', () => {
    expect(localDate({ ...lunch, timeZone: 'Asia/Tokyo' }, new Date('2026-11-24T20:00:00Z'))).toBe('2026-11-25');
    expect(localDate({ ...lunch, timeZone: 'America/New_York' }, new Date('2026-11-24T03:00:00Z'))).toBe('2026-11-23');
    expect(() => workingDay(lunch, '24.11.2026')).toThrow(/must look like 2026-12-01/);
  });
});

describe('endOfBusinessDays', () => {
  // Mon–Fri 08:00–17:00 in Berlin, closed on Christmas; Friday 18 December 2026, 15:00 local.
  const cal: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-17:00'), closures: ['--12-25'] };
  const friday = new Date('2026-12-18T14:00:00Z');
  it.each([
    [0, '2026-12-18T16:00:00.000Z'],
    [1, '2026-12-21T16:00:00.000Z'],
    [5, '2026-12-28T16:00:00.000Z'],
  ])('counts %i working days on, skipping weekends and closures', (days, end) => {
    expect(endOfBusinessDays(cal, friday, days)?.toISOString()).toBe(end);
  });
  it('is null for a calendar without working days', () => {
    expect(endOfBusinessDays({ ...cal, week: [[], [], [], [], [], [], []] }, friday, 1)).toBeNull();
  });
});
