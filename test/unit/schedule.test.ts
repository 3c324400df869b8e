import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../shared/config/department.js';
import { dueOccurrences } from '../../shared/config/schedule.js';
import { scrubs } from '../helpers/schedules.js';

const BERLIN = defaultCalendar('Europe/Berlin');
const at = (day: string, time: string) => new TZDate(`${day}T${time}:00`, 'Europe/Berlin');

describe('which occurrences of a schedule are due to be asked for', () => {
  it.each<[string, Partial<ReturnType<typeof scrubs>>, Date, string[]]>([
    ['the day before the 5 working days ahead: nothing yet', {}, at('2026-11-24', '09:00'), []],
    ['5 working days ahead (Wednesday 25 November for Wednesday 2 December)', {}, at('2026-11-25', '07:00'), ['2026-12-02']],
    ['on the day itself, while it is still worked', {}, at('2026-12-02', '16:59'), ['2026-12-02']],
    ['on the day, once Supply’s day is over: not asked any more', {}, at('2026-12-02', '17:01'), []],
    ['one working day ahead, on the Saturday before: not yet (the weekend is no working day)', { aheadDays: 1 }, at('2026-11-28', '10:00'), []],
    ['the working day before', { aheadDays: 1 }, at('2026-12-01', '10:00'), ['2026-12-02']],
    ['paused', { paused: true }, at('2026-11-25', '09:00'), []],
    ['skipped', { skips: ['2026-12-02'] }, at('2026-11-25', '09:00'), []],
    ['ended before the date', { end: '2026-11-30' }, at('2026-11-25', '09:00'), []],
    ['not started by the date', { start: '2026-12-03' }, at('2026-11-25', '09:00'), []],
    [
      'weekly, 10 working days ahead: two Wednesdays at once',
      { recurrence: { every: 'weeks', n: 1, weekday: 3 }, aheadDays: 10 },
      at('2026-11-25', '09:00'),
      ['2026-11-25', '2026-12-02', '2026-12-09'],
    ],
  ])('%s', (_, changes, now, due) => {
    expect(dueOccurrences(scrubs(changes), BERLIN, now)).toEqual(due);
  });
});
