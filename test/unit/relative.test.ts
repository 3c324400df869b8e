import { describe, expect, it } from 'vitest';
import { ageLabel, dueLabel } from '../../shared/time/relative.js';

// Local times in Europe/Berlin (vitest.config.ts fixes TZ).
const at = (s: string) => new Date(s);

describe('dueLabel', () => {
  it.each([
    ['2026-03-10T10:00', '2026-03-10T10:00:30', 'due now'],
    ['2026-03-10T10:00', '2026-03-10T10:45', 'due in 45 min'],
    ['2026-03-10T10:00', '2026-03-10T15:30', 'due in 5 h'],
    ['2026-03-10T10:00', '2026-03-10T09:00', 'overdue by 1 h'],
    ['2026-03-10T10:00', '2026-03-10T07:00', 'overdue by 3 h'],
    ['2026-03-10T10:00', '2026-03-10T09:48', 'overdue by 12 min'],
    // Across midnight, under 24 hours: still hours.
    ['2026-03-10T22:00', '2026-03-11T09:00', 'due in 11 h'],
    // Over 24 hours: calendar days in local time.
    ['2026-03-10T09:00', '2026-03-11T17:00', 'due tomorrow'],
    ['2026-03-10T09:00', '2026-03-12T17:00', 'due in 2 days'],
    ['2026-03-10T23:30', '2026-03-12T00:30', 'due in 2 days'],
    ['2026-03-12T17:00', '2026-03-10T09:00', 'overdue by 2 days'],
    ['2026-03-11T17:00', '2026-03-10T09:00', 'overdue by 1 day'],
    // Across a month boundary, and a year boundary.
    ['2026-01-30T20:00', '2026-02-01T21:00', 'due in 2 days'],
    ['2026-02-27T10:00', '2026-03-02T10:00', 'due in 3 days'],
    ['2026-12-30T12:00', '2027-01-02T12:00', 'due in 3 days'],
    ['2026-03-02T10:00', '2026-02-27T10:00', 'overdue by 3 days'],
    // Across the spring DST change (29 March 2026 in Berlin): calendar days, not 24-hour blocks.
    ['2026-03-28T12:00', '2026-03-30T12:00', 'due in 2 days'],
    // Weeks and months for far dates.
    ['2026-03-01T10:00', '2026-03-22T10:00', 'due in 3 weeks'],
    ['2026-01-15T10:00', '2026-05-02T10:00', 'due in 4 months'],
    ['2026-05-02T10:00', '2026-01-15T10:00', 'overdue by 4 months'],
  ])('now %s, due %s → %s', (now, due, label) => {
    expect(dueLabel(at(due), at(now))).toBe(label);
  });
});

describe('ageLabel', () => {
  it.each([
    ['2026-03-10T10:00', '2026-03-10T10:07', '7 min'],
    ['2026-03-10T10:00', '2026-03-10T15:59', '5 h'],
    ['2026-02-27T10:00', '2026-03-02T11:00', '3 d'],
    ['2026-01-01T10:00', '2026-03-01T10:00', '8 w'],
    ['2026-03-10T10:05', '2026-03-10T10:00', '0 min'],
  ])('created %s, now %s → %s', (created, now, label) => {
    expect(ageLabel(at(created), at(now))).toBe(label);
  });
});
