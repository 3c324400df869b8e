import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../shared/reviews/pairFigures.js';
import { backlogByAge, MAX_TREND_POINTS, shortNoticeBy, trendLength, trendOf } from '../../shared/reviews/trends.js';
import { clock, row } from '../helpers/reviewRow.js';

// Vitest runs in Europe/Berlin (vitest.config.ts): weeks and months start at local midnight there.
const local = (s: string) => new Date(s);

describe('the reviews’ trends', () => {
  it('puts each request in the week (from Monday) or month it was created, every step present', () => {
    const rows = [
      row({ createdAt: local('2026-11-02T00:30:00').toISOString() }),
      row({ createdAt: local('2026-11-08T23:59:00').toISOString(), resolution: clock('breached', 300) }),
      row({ createdAt: local('2026-11-23T10:00:00').toISOString() }),
    ];
    const weeks = trendOf(rows, 'week', local('2026-11-01T00:00:00'), local('2026-12-01T00:00:00'));
    expect(weeks.map((w) => [w.start, w.count, w.breaches])).toEqual([
      [local('2026-10-26T00:00:00').toISOString(), 0, 0],
      [local('2026-11-02T00:00:00').toISOString(), 2, 1],
      [local('2026-11-09T00:00:00').toISOString(), 0, 0],
      [local('2026-11-16T00:00:00').toISOString(), 0, 0],
      [local('2026-11-23T00:00:00').toISOString(), 1, 0],
      [local('2026-11-30T00:00:00').toISOString(), 0, 0],
    ]);
    const months = trendOf(rows, 'month', local('2026-10-15T00:00:00'), local('2026-12-01T00:00:00'));
    expect(months.map((m) => m.count)).toEqual([0, 3]);
    expect(months[1]!.targetHours).toBe(4);
  });

  it('a step’s figures are the figures of its requests (random histories)', () => {
    const start = local('2026-01-01T00:00:00').getTime();
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.integer({ min: 0, max: 364 }), late: fc.boolean(), again: fc.constantFrom(true, false, null) })), (specs) => {
        const rows = specs.map((s) =>
          row({
            createdAt: new Date(start + s.day * 86_400_000 + 3_600_000).toISOString(),
            resolution: clock(s.late ? 'breached' : 'met', s.late ? 300 : 60),
            again: s.again,
          }),
        );
        const points = trendOf(rows, 'month', new Date(start), local('2027-01-01T00:00:00'));
        expect(points).toHaveLength(12);
        expect(points.reduce((n, p) => n + p.count, 0)).toBe(rows.length);
        for (const p of points) {
          const mine = rows.filter((r) => r.createdAt >= p.start && (p === points.at(-1) || r.createdAt < points[points.indexOf(p) + 1]!.start));
          const { targetHours: _, start: __, ...figures } = p;
          expect(figures).toEqual(figuresOf(mine));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('will not draw more than five years of weeks', () => {
    expect(trendLength('week', local('2020-01-01T00:00:00'), local('2026-01-01T00:00:00'))).toBeGreaterThan(MAX_TREND_POINTS);
    expect(trendLength('month', local('2020-01-01T00:00:00'), local('2026-01-01T00:00:00'))).toBe(72);
  });

  it('the open backlog by age: closed requests left out, waiting on the requester apart', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
    const backlog = backlogByAge(
      [
        row({ status: 'new', createdAt: ago(0.5) }),
        row({ status: 'in_progress', createdAt: ago(2) }),
        row({ status: 'waiting_on_requester', createdAt: ago(2) }),
        row({ status: 'acknowledged', createdAt: ago(40) }),
        row({ status: 'done', createdAt: ago(40) }),
        row({ status: 'declined', createdAt: ago(1) }),
      ],
      now,
    );
    expect(backlog.map((b) => [b.label, b.open, b.waitingOnRequester])).toEqual([
      ['Under a day', 1, 0],
      ['1–3 days', 1, 1],
      ['3–7 days', 0, 0],
      ['1–4 weeks', 0, 0],
      ['Over 4 weeks', 1, 0],
    ]);
  });

  it('who plans late: short notice per requesting department, and how often the date was met anyway', () => {
    const late = { stoppedAt: '2026-11-21T12:00:00.000Z' };
    expect(
      shortNoticeBy([
        row({ from: 'Sales', shortNotice: true }),
        row({ from: 'Sales', shortNotice: true, resolution: { ...clock('met'), ...late } }),
        row({ from: 'Sales' }),
        row({ from: 'HR' }),
      ]),
    ).toEqual([
      { department: 'HR', count: 1, shortNotice: 0, shortNoticeMet: 0 },
      { department: 'Sales', count: 3, shortNotice: 2, shortNoticeMet: 1 },
    ]);
  });
});
