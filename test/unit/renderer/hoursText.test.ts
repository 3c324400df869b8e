import { describe, expect, it } from 'vitest';
import { weekdays } from '../../../shared/sla/calendar.js';
import { hoursText } from '../../../renderer/src/features/services/hoursText.js';

describe('hoursText', () => {
  it('groups days with the same hours, Monday first, and leaves closed days out', () => {
    const week = weekdays('08:00-12:00', '13:00-17:00');
    week[6] = [[9 * 60, 12 * 60]];
    expect(hoursText({ timeZone: 'Europe/Berlin', week, closures: [] })).toEqual(['Mon–Fri 08:00–12:00, 13:00–17:00', 'Sat 09:00–12:00']);
  });
  it('says nothing for a week without hours', () => {
    expect(hoursText({ timeZone: 'UTC', week: [[], [], [], [], [], [], []], closures: [] })).toEqual([]);
  });
});
