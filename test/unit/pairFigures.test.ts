import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockView } from '../../shared/model/requestSla.js';
import type { ReviewRow } from '../../shared/reviews/pairFigures.js';
import { pairFigures, stakeOf } from '../../shared/reviews/pairFigures.js';
import { cellCsv, matrixCsv } from '../../shared/reviews/reviewCsv.js';
import { clock, row } from '../helpers/reviewRow.js';

describe('the figures of a department pair', () => {
  it.each<[string, ReviewRow[], Partial<ReturnType<typeof pairFigures>[number]>]>([
    ['all met', [row(), row()], { count: 2, responseMet: 1, resolutionMet: 1, breaches: 0 }],
    ['one resolved late', [row(), row({ resolution: clock('breached', 300) })], { resolutionMet: 0.5, breaches: 1 }],
    [
      'an open request past its due time is a breach; one still running is not judged yet',
      [
        row({ status: 'in_progress', resolution: { ...clock('breached', 300), stoppedAt: null } }),
        row({ status: 'in_progress', resolution: clock('running') }),
      ],
      { resolutionMet: 0, breaches: 1, medianResolutionHours: null },
    ],
    [
      'short notice is shown apart: not a breach of the provider, and counted when met anyway',
      [row({ shortNotice: true, resolution: clock('breached', 300) }), row({ shortNotice: true })],
      { breaches: 0, resolutionMet: null, shortNotice: 2, shortNoticeMet: 1 },
    ],
    ['paused time is not the provider’s: only the time used counts', [row({ resolution: clock('met', 90, 480) })], { medianResolutionHours: 1.5 }],
    [
      'escalations add up; satisfaction counts yes and no',
      [row({ escalations: 2, again: true }), row({ escalations: 1, again: false }), row()],
      {
        escalations: 3,
        satisfaction: { yes: 1, no: 1 },
      },
    ],
    [
      'a cancelled request counts, and is judged on what it got',
      [row({ status: 'cancelled', response: clock('met', 10), resolution: clock('stopped') })],
      {
        count: 1,
        responseMet: 1,
        resolutionMet: null,
      },
    ],
  ])('%s', (_, rows, expected) => {
    expect(pairFigures(rows)[0]).toMatchObject(expected);
  });

  it('puts a price on late answers: the stake of breached requests adds up, on-time and short-notice ones cost nothing', () => {
    const rows = [
      row({ resolution: clock('breached', 300), stake: 125_000 }),
      row({ stake: 9_000 }),
      row({ shortNotice: true, resolution: clock('breached', 300), stake: 50_000 }),
      row({ resolution: clock('breached', 300), stake: null }),
    ];
    expect(pairFigures(rows)[0]).toMatchObject({ breaches: 2, atStake: 125_000 });
  });

  it.each<[string, Parameters<typeof stakeOf>, number | null]>([
    ['a form answer', [{ field: 'value' }, { value: '125,000' }, clock('breached', 300)], 125_000],
    ['a form answer that is not a number', [{ field: 'value' }, { value: 'a lot' }, clock('breached', 300)], null],
    ['an unanswered field', [{ field: 'value' }, {}, clock('breached', 300)], null],
    ['a cost per business hour past due', [{ perHour: 200 }, {}, clock('breached', 330, 240)], 300],
    ['a cost per hour, not late', [{ perHour: 200 }, {}, clock('met', 60)], 0],
    ['no stake declared', [undefined, { value: '5' }, clock('breached', 300)], null],
  ])('the stake of a request: %s', (_, args, expected) => {
    expect(stakeOf(...args)).toBe(expected);
  });

  it('takes the median and the 90th percentile by nearest rank, in business hours', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((h) => row({ resolution: clock('met', h * 60, 1000) }));
    expect(pairFigures(rows)[0]).toMatchObject({ medianResolutionHours: 5, p90ResolutionHours: 9 });
  });

  it('gives every pair its own figures, in name order', () => {
    const figures = pairFigures([row({ from: 'Sales', to: 'IT' }), row({ from: 'HR', to: 'IT' }), row({ from: 'Sales', to: 'IT' })]);
    expect(figures.map((f) => [f.from, f.to, f.count])).toEqual([
      ['HR', 'IT', 1],
      ['Sales', 'IT', 2],
    ]);
  });

  it('equals a plain recomputation from the requests, whatever they are (property)', () => {
    const states: ClockView['state'][] = ['running', 'paused', 'met', 'at_risk', 'breached', 'stopped'];
    const anyRow = fc.record({
      from: fc.constantFrom('Sales', 'HR'),
      to: fc.constantFrom('IT', 'Engineering'),
      shortNotice: fc.boolean(),
      response: fc.constantFrom(...states),
      resolution: fc.constantFrom(...states),
      used: fc.integer({ min: 1, max: 2_000 }),
      escalations: fc.nat(3),
      again: fc.constantFrom(true, false, null),
    });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 40 }), (specs) => {
        const rows = specs.map((s) => row({ ...s, response: clock(s.response, s.used), resolution: clock(s.resolution, s.used) }));
        for (const f of pairFigures(rows)) {
          const mine = rows.filter((r) => r.from === f.from && r.to === f.to);
          const blamed = mine.filter((r) => !r.shortNotice);
          const met = (c: 'response' | 'resolution') => blamed.filter((r) => r[c]!.state === 'met').length;
          const ended = (c: 'response' | 'resolution') => blamed.filter((r) => r[c]!.state === 'met' || r[c]!.state === 'breached').length;
          expect(f.count).toBe(mine.length);
          expect(f.responseMet).toBe(ended('response') ? met('response') / ended('response') : null);
          expect(f.resolutionMet).toBe(ended('resolution') ? met('resolution') / ended('resolution') : null);
          expect(f.breaches).toBe(blamed.filter((r) => r.response!.state === 'breached' || r.resolution!.state === 'breached').length);
          expect(f.escalations).toBe(mine.reduce((sum, r) => sum + r.escalations, 0));
          expect(f.shortNotice).toBe(mine.length - blamed.length);
          expect(f.shortNoticeMet).toBe(mine.filter((r) => r.shortNotice && r.resolution!.stoppedAt && r.resolution!.stoppedAt <= r.neededBy!).length);
          expect(f.satisfaction).toEqual({ yes: mine.filter((r) => r.again === true).length, no: mine.filter((r) => r.again === false).length });
        }
        expect(pairFigures(rows).reduce((sum, f) => sum + f.count, 0)).toBe(rows.length);
      }),
    );
  });
});

describe('the review as CSV', () => {
  it('one line per pair with a header, shares as decimals, nothing judged as empty; a cell’s requests with their outcome, quoted where needed', () => {
    const figures = pairFigures([row({ title: 'Laptop, "urgent"', again: true }), row({ resolution: clock('breached', 300) })]);
    expect(matrixCsv(figures).split('\n').slice(0, 2)).toEqual([
      'requesting,providing,requests,first_response_met,resolution_met,median_hours,p90_hours,breaches,escalations,short_notice,short_notice_met,would_choose_again,would_not,at_stake_late',
      'Sales,Engineering,2,1.000,0.500,1.0,5.0,1,0,0,0,1,0,0',
    ]);
    const lines = cellCsv([row({ key: 'AB12CD', title: 'Laptop, "urgent"', again: false })]).split('\n');
    expect(lines[1]).toBe('AB12CD,"Laptop, ""urgent""",Sales,Engineering,2026-11-10T09:00:00.000Z,done,P3,no,met,met,1.0,0,no');
  });
});
