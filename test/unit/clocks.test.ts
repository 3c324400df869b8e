import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { isWorkingTime, weekdays } from '../../shared/sla/calendar.js';
import type { OlaPolicy, SlaEvent } from '../../shared/sla/clocks.js';
import { computeClocks, formatMinutes } from '../../shared/sla/clocks.js';

const cal: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-18:00'), closures: [] };
const H = 60;
const policy: OlaPolicy = {
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 4 * H },
    P2: { responseMinutes: 2 * H, resolutionMinutes: 8 * H },
    P3: { responseMinutes: 4 * H, resolutionMinutes: 16 * H },
    P4: { responseMinutes: 8 * H, resolutionMinutes: 40 * H },
  },
  atRisk: [0.5, 0.75],
};
// Berlin is UTC+1 in November: local 16:00 is 15:00Z.
const t = (iso: string) => new Date(iso);
const created = (at: string, priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P2'): SlaEvent => ({ kind: 'created', at: t(at), priority });

describe('SLA clocks replayed from history', () => {
  it('start at creation, in business time: 16:00 + 8 h resolution falls due 14:00 the next day', () => {
    const c = computeClocks([created('2026-11-24T15:00:00Z')], policy, cal, t('2026-11-24T15:30:00Z'));
    expect(c.resolution).toMatchObject({ state: 'running', elapsedMinutes: 30, remainingMinutes: 450, dueAt: t('2026-11-25T13:00:00Z') });
    expect(c.response).toMatchObject({ state: 'running', dueAt: t('2026-11-24T17:00:00Z') });
  });

  it('first response stops the response clock: met in time, breached when late', () => {
    const onTime = computeClocks(
      [created('2026-11-24T15:00:00Z'), { kind: 'responded', at: t('2026-11-24T16:00:00Z') }],
      policy,
      cal,
      t('2026-11-25T10:00:00Z'),
    );
    expect(onTime.response).toMatchObject({ state: 'met', elapsedMinutes: 60, stoppedAt: t('2026-11-24T16:00:00Z'), dueAt: null });
    const late = computeClocks([created('2026-11-24T15:00:00Z'), { kind: 'responded', at: t('2026-11-25T08:00:00Z') }], policy, cal, t('2026-11-25T10:00:00Z'));
    expect(late.response).toMatchObject({ state: 'breached', elapsedMinutes: 180, remainingMinutes: -60 });
  });

  it('is at risk past half its target, and breached past its due date', () => {
    const history = [created('2026-11-24T08:00:00Z')];
    expect(computeClocks(history, policy, cal, t('2026-11-24T11:00:00Z')).resolution.state).toBe('running');
    expect(computeClocks(history, policy, cal, t('2026-11-24T12:30:00Z')).resolution).toMatchObject({ state: 'at_risk', risk: 'low' });
    // 75 % of 8 h is 6 h after 09:00 local: 15:00 local.
    expect(computeClocks(history, policy, cal, t('2026-11-24T14:00:00Z')).resolution).toMatchObject({ state: 'at_risk', risk: 'high' });
    const over = computeClocks(history, policy, cal, t('2026-11-25T08:00:00Z'));
    expect(over.resolution).toMatchObject({ state: 'breached', remainingMinutes: -120, dueAt: t('2026-11-24T16:00:00Z') });
  });

  it('a pause across a weekend pushes the due date back by the paused business time', () => {
    // Friday 09:00 local, P2 (8 h): due Friday 17:00. Paused 11:00–Monday 09:00: 8 business hours.
    const history: SlaEvent[] = [
      created('2026-11-27T08:00:00Z'),
      { kind: 'paused', at: t('2026-11-27T10:00:00Z'), reason: 'Need the cost centre' },
      { kind: 'resumed', at: t('2026-11-30T08:00:00Z') },
    ];
    const during = computeClocks(history.slice(0, 2), policy, cal, t('2026-11-28T12:00:00Z'));
    expect(during.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 120, dueAt: null, pauseReason: 'Need the cost centre' });
    const after = computeClocks(history, policy, cal, t('2026-11-30T08:00:00Z'));
    expect(after.resolution).toMatchObject({ state: 'running', elapsedMinutes: 120, dueAt: t('2026-11-30T14:00:00Z') });
    expect(after.timeline.map((e) => e.what)).toEqual([
      'Created as P2: 1 d to resolve',
      'Paused, waiting on the requester: Need the cost centre',
      'Resumed; the paused time was added to the due date',
    ]);
    expect(after.timeline.map((e) => e.dueAt?.toISOString() ?? null)).toEqual(['2026-11-27T16:00:00.000Z', null, '2026-11-30T14:00:00.000Z']);
  });

  it('a pause with a resume date ends by itself on that date', () => {
    const history: SlaEvent[] = [created('2026-11-24T08:00:00Z'), { kind: 'paused', at: t('2026-11-24T09:00:00Z'), resumeAt: t('2026-11-26T08:00:00Z') }];
    const waiting = computeClocks(history, policy, cal, t('2026-11-25T12:00:00Z'));
    expect(waiting.resolution).toMatchObject({ state: 'paused', resumesAt: t('2026-11-26T08:00:00Z') });
    const resumed = computeClocks(history, policy, cal, t('2026-11-26T09:00:00Z'));
    expect(resumed.resolution).toMatchObject({ state: 'running', elapsedMinutes: 120, dueAt: t('2026-11-26T15:00:00Z') });
    expect(resumed.timeline.at(-1)?.what).toBe('Resumed by itself on the date the pause named');
  });

  it('a priority change mid-pause changes the target and keeps the pause and the time already used', () => {
    const history: SlaEvent[] = [
      created('2026-11-24T08:00:00Z', 'P3'), // 16 h
      { kind: 'paused', at: t('2026-11-24T10:00:00Z') }, // 2 h used
      { kind: 'reprioritised', at: t('2026-11-24T12:00:00Z'), priority: 'P1' }, // 4 h
      { kind: 'resumed', at: t('2026-11-25T08:00:00Z') },
    ];
    const paused = computeClocks(history.slice(0, 3), policy, cal, t('2026-11-24T13:00:00Z'));
    expect(paused.resolution).toMatchObject({ state: 'paused', targetMinutes: 4 * H, elapsedMinutes: 2 * H });
    const after = computeClocks(history, policy, cal, t('2026-11-25T08:00:00Z'));
    expect(after.resolution).toMatchObject({ state: 'at_risk', targetMinutes: 4 * H, elapsedMinutes: 2 * H, dueAt: t('2026-11-25T10:00:00Z') });
  });

  it('resolution stops both clocks; cancellation stops them without a verdict', () => {
    const done = computeClocks([created('2026-11-24T08:00:00Z'), { kind: 'resolved', at: t('2026-11-24T12:00:00Z') }], policy, cal, t('2026-11-30T12:00:00Z'));
    expect(done.resolution).toMatchObject({ state: 'met', elapsedMinutes: 4 * H });
    expect(done.response).toMatchObject({ state: 'breached', elapsedMinutes: 4 * H });
    const cancelled = computeClocks(
      [created('2026-11-24T08:00:00Z'), { kind: 'cancelled', at: t('2026-11-24T12:00:00Z') }],
      policy,
      cal,
      t('2026-11-30T12:00:00Z'),
    );
    expect(cancelled.resolution.state).toBe('stopped');
  });

  it('refuses a history without its creation', () => {
    expect(() => computeClocks([{ kind: 'resumed', at: new Date() }], policy, cal, new Date())).toThrow(/creation/);
  });

  it('formats business time as people say it', () => {
    expect([45, 90, 8 * H, 8 * H + 3 * H, -30, 218 * 8 * H + 7 * H].map(formatMinutes)).toEqual(['45 min', '1 h 30 min', '1 d', '1 d 3 h', '−30 min', '218 d']);
  });
});

describe('properties', () => {
  const start = Date.UTC(2026, 10, 23, 7);
  const event = fc.oneof(
    fc.record({ kind: fc.constant('responded' as const), at: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({ kind: fc.constant('paused' as const), at: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({ kind: fc.constant('resumed' as const), at: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({
      kind: fc.constant('reprioritised' as const),
      at: fc.integer({ min: 1, max: 20_000 }),
      priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const, 'P4' as const),
    }),
  );
  const toEvents = (raw: { kind: string; at: number; priority?: string }[]): SlaEvent[] => [
    created(new Date(start).toISOString(), 'P3'),
    ...raw.map((r) => ({ ...r, at: new Date(start + r.at * 60_000) }) as SlaEvent),
  ];

  const histories = fc.uniqueArray(event, { maxLength: 8, selector: (e) => e.at });
  const minutes = fc.nat(30_000);
  const at = (m: number) => new Date(start + m * 60_000);
  const holds = <T extends unknown[]>(property: fc.IProperty<T>) => fc.assert(property, { numRuns: 200 });

  it('replaying the same history in any delivery order gives the same clocks', () => {
    holds(
      fc.property(histories, minutes, (raw, later) => {
        const events = toEvents(raw);
        const a = computeClocks(events, policy, cal, at(later));
        const b = computeClocks([...events].reverse(), policy, cal, at(later));
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });

  it('a queue row’s clocks (no timeline) are the request page’s clocks', () => {
    holds(
      fc.property(histories, minutes, (raw, later) => {
        const events = toEvents(raw);
        const page = computeClocks(events, policy, cal, at(later));
        const row = computeClocks(events, policy, cal, at(later), false);
        return row.timeline.length === 0 && JSON.stringify([row.response, row.resolution]) === JSON.stringify([page.response, page.resolution]);
      }),
    );
  });

  it('more elapsed time never means more remaining', () => {
    holds(
      fc.property(histories, minutes, minutes, (raw, x, y) => {
        const events = toEvents(raw);
        const r1 = computeClocks(events, policy, cal, at(Math.min(x, y))).resolution;
        const r2 = computeClocks(events, policy, cal, at(Math.max(x, y))).resolution;
        return r2.remainingMinutes <= r1.remainingMinutes || r2.targetMinutes !== r1.targetMinutes;
      }),
    );
  });

  it('a due date is always inside working time (at most at closing)', () => {
    holds(
      fc.property(histories, minutes, (raw, x) => {
        const clock = computeClocks(toEvents(raw), policy, cal, at(x)).resolution;
        return !clock.dueAt || (clock.dueAt.getTime() > start && isWorkingTime(cal, new Date(clock.dueAt.getTime() - 1)));
      }),
    );
  });
});
