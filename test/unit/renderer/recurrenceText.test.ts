import { describe, expect, it } from 'vitest';
import { recurrenceText } from '../../../renderer/src/features/recurring/recurrenceText.js';

describe('a recurrence as people say it', () => {
  it.each([
    [{ every: 'weeks', n: 1, weekday: 3 }, 'Every week on Wednesday'],
    [{ every: 'weeks', n: 2, weekday: 0 }, 'Every 2 weeks on Sunday'],
    [{ every: 'months', n: 1, businessDay: 2 }, 'Every month on the 2nd business day'],
    [{ every: 'months', n: 3, businessDay: -1 }, 'Every 3 months on the last business day'],
    [{ every: 'months', n: 1, businessDay: 1 }, 'Every month on the 1st business day'],
    [{ every: 'months', n: 1, businessDay: 3 }, 'Every month on the 3rd business day'],
    [{ every: 'months', n: 1, businessDay: 11 }, 'Every month on the 11th business day'],
    [{ every: 'months', n: 1, businessDay: 12 }, 'Every month on the 12th business day'],
    [{ every: 'months', n: 1, businessDay: 13 }, 'Every month on the 13th business day'],
    [{ every: 'months', n: 1, businessDay: 21 }, 'Every month on the 21st business day'],
    [{ every: 'months', n: 1, businessDay: 22 }, 'Every month on the 22nd business day'],
  ] as const)('%j', (recurrence, text) => {
    expect(recurrenceText(recurrence)).toBe(text);
  });
});
