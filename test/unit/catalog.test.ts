import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { weekdays } from '../../shared/sla/calendar.js';
import type { RequestType } from '../../shared/sla/catalog.js';
import { checkLeadTime, validateForm } from '../../shared/sla/catalog.js';
import { DEFAULT_POLICY, defaultDepartmentConfig } from '../../shared/config/department.js';

const laptop: RequestType = {
  id: 'laptop',
  name: 'New laptop',
  defaultPriority: 'P3',
  leadTimeMinutes: 3 * 8 * 60, // three business days of 8 h
  notify: ['it-hardware'],
  fields: [
    { id: 'user', label: 'For whom', kind: 'text', required: true },
    { id: 'model', label: 'Model', kind: 'choice', required: true, options: ['14"', '16"'] },
    { id: 'start', label: 'Start date', kind: 'date', required: false },
    { id: 'budget', label: 'Budget', kind: 'number', required: false },
  ],
};
const it_: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('09:00-17:00'), closures: [] };

describe('validateForm', () => {
  it('accepts a complete, well-typed form', () => {
    expect(validateForm(laptop, { user: 'Dana', model: '14"', start: '2026-12-01', budget: '1800' })).toEqual({});
  });

  it('names each field that is missing or wrong, in words', () => {
    expect(validateForm(laptop, { user: ' ', model: '17"', start: '1 Dec', budget: 'lots', colour: 'red' })).toEqual({
      user: 'For whom is required.',
      model: 'Model must be one of: 14", 16".',
      start: 'Start date must be a date (YYYY-MM-DD).',
      budget: 'Budget must be a number.',
      colour: '“New laptop” has no field called colour.',
    });
  });
});

describe('checkLeadTime (the short-notice guard)', () => {
  // Monday 23 Nov 2026, 10:00 in Berlin; three business days later is Thursday 10:00.
  const now = new Date('2026-11-23T09:00:00Z');

  it('marks a date sooner than the notice as short notice and shows the earliest standard date', () => {
    const check = checkLeadTime(laptop, new Date('2026-11-25T16:00:00Z'), now, it_);
    expect(check).toEqual({ shortNotice: true, earliestStandard: new Date('2026-11-26T09:00:00Z') });
  });

  it('lets a date with enough notice through unmarked', () => {
    expect(checkLeadTime(laptop, new Date('2026-11-27T16:00:00Z'), now, it_).shortNotice).toBe(false);
  });

  it('counts notice in the provider’s business days: Friday afternoon needs until Wednesday', () => {
    const friday = new Date('2026-11-27T15:00:00Z'); // 16:00 local
    expect(checkLeadTime(laptop, new Date('2026-12-01T16:00:00Z'), friday, it_)).toEqual({
      shortNotice: true,
      earliestStandard: new Date('2026-12-02T15:00:00Z'),
    });
  });
});

describe('the default catalog', () => {
  it('gives Engineering the case Interdesk was born from: an order clarification while a customer waits, a P1 that asks for the order, the question and the value at stake', () => {
    const type = defaultDepartmentConfig('Engineering', 'UTC').catalog.find((t) => t.id === 'order-clarification')!;
    expect(type).toMatchObject({ name: 'Order clarification — customer waiting', defaultPriority: 'P1', leadTimeMinutes: 0 });
    expect(DEFAULT_POLICY.targets[type.defaultPriority].responseMinutes).toBe(30);
    expect(validateForm(type, { order: '4711', question: 'Which revision ships?', valueAtStake: '125000' })).toEqual({});
    expect(validateForm(type, { order: '4711', question: 'Which revision ships?', valueAtStake: 'a lot' })).toEqual({
      valueAtStake: 'Value at stake must be a number.',
    });
    expect(Object.keys(validateForm(type, {}))).toEqual(['order', 'question']);
  });
});
