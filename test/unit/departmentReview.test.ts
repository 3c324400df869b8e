import { describe, expect, it } from 'vitest';
import { departmentReview } from '../../shared/reviews/departmentReview.js';
import { clock, row } from '../helpers/reviewRow.js';

describe('one department’s review', () => {
  const rows = [
    row({ from: 'Sales', to: 'Engineering', again: true, comment: 'Quick', held: [{ department: 'Engineering', hours: 3 }] }),
    row({
      from: 'Sales',
      to: 'IT',
      again: false,
      comment: 'Passed around',
      held: [
        { department: 'Engineering', hours: 2 },
        { department: 'IT', hours: 5 },
        { department: 'Engineering', hours: 1 },
      ],
    }),
    row({ from: 'HR', to: 'Engineering', resolution: clock('breached', 300), held: [{ department: 'Engineering', hours: 5 }] }),
    row({ from: 'Engineering', to: 'IT', held: [{ department: 'IT', hours: 4 }] }),
    row({ from: 'HR', to: 'IT', held: [{ department: 'IT', hours: 9 }] }),
  ];

  it('what it received and how it did, what it asked of others and how they did', () => {
    const eng = departmentReview(rows, 'Engineering');
    expect(eng.received).toMatchObject({ count: 2, resolutionMet: 0.5, breaches: 1 });
    expect(eng.receivedFrom.map((p) => [p.from, p.count])).toEqual([
      ['HR', 1],
      ['Sales', 1],
    ]);
    expect(eng.receivedByType).toEqual([expect.objectContaining({ typeId: 'general', count: 2, satisfaction: { yes: 1, no: 0 } })]);
    expect(eng.asked).toMatchObject({ count: 1 });
    expect(eng.askedOf.map((p) => p.to)).toEqual(['IT']);
    expect(departmentReview(rows, 'Payroll')).toMatchObject({ received: null, asked: null, held: [], comments: [] });
  });

  it('where time went in the chains of hand-overs it is part of: requests it asked, or held on the way (one request once, however often it came back)', () => {
    const chain = [
      { department: 'IT', hours: 5, requests: 1 },
      { department: 'Engineering', hours: 3, requests: 1 },
    ];
    expect(departmentReview(rows, 'Engineering').held).toEqual(chain);
    expect(departmentReview(rows, 'Sales').held).toEqual(chain);
    expect(departmentReview(rows, 'IT').held).toEqual(chain);
    // HR's requests were each done by one department: no chain.
    expect(departmentReview(rows, 'HR').held).toEqual([]);
  });

  it('a chain launched from a template is one chain: its steps’ time per department, each department counted once', () => {
    const launched = [
      row({ from: 'HR', to: 'IT', chain: 'p1', held: [{ department: 'IT', hours: 5 }] }),
      row({ from: 'HR', to: 'Facilities', chain: 'p1', held: [{ department: 'Facilities', hours: 3 }] }),
      row({ from: 'HR', to: 'IT', chain: 'p1', held: [{ department: 'IT', hours: 2 }] }),
      // HR's requests done alone, and another department's chain.
      row({ from: 'HR', to: 'Payroll', held: [{ department: 'Payroll', hours: 8 }] }),
      row({ from: 'Sales', to: 'Payroll', chain: 'p2', held: [{ department: 'Payroll', hours: 4 }] }),
    ];
    const chain = [
      { department: 'IT', hours: 7, requests: 1 },
      { department: 'Facilities', hours: 3, requests: 1 },
    ];
    expect(departmentReview(launched, 'HR').held).toEqual(chain);
    expect(departmentReview(launched, 'Facilities').held).toEqual(chain);
    expect(departmentReview(launched, 'Payroll').held).toEqual([{ department: 'Payroll', hours: 4, requests: 1 }]);
  });

  it('what its requesters said, newest first, only of what it provided', () => {
    expect(departmentReview(rows, 'Engineering').comments.map((c) => [c.from, c.again, c.comment])).toEqual([['Sales', true, 'Quick']]);
    expect(departmentReview(rows, 'IT').comments.map((c) => c.comment)).toEqual(['Passed around']);
  });
});
