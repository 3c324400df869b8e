import type { Schedule } from '../../shared/config/schedule.js';

/** Facilities' monthly scrubs from Supply (its purchase orders ask 5 working days' notice): on the 2nd business day, asked 5 working days ahead. */
export function scrubs(changes: Partial<Schedule> = {}): Schedule {
  return {
    id: 'scrubs',
    name: 'Scrubs for ward 3',
    department: 'Supply',
    typeId: 'purchase',
    title: 'Scrubs for ward 3',
    details: 'The monthly set: 40 in mixed sizes.',
    answers: { item: 'Scrubs', quantity: '40' },
    priority: 'P3',
    recurrence: { every: 'months', n: 1, businessDay: 2 },
    start: '2026-01-01',
    end: null,
    aheadDays: 5,
    paused: false,
    skips: [],
    ...changes,
  };
}
