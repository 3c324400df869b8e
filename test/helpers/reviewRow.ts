import type { ClockView } from '../../shared/model/requestSla.js';
import type { ReviewRow } from '../../shared/reviews/pairFigures.js';

/** A clock in `state`, with `usedMinutes` of `targetMinutes` used; stopped when its outcome is final (a breach with no time used runs on). */
export const clock = (state: ClockView['state'], usedMinutes = 60, targetMinutes = 240): ClockView => ({
  state,
  targetMinutes,
  remainingMinutes: targetMinutes - usedMinutes,
  dueAt: null,
  // Met before the date it was needed (row's neededBy), breached after it.
  stoppedAt: state === 'met' ? '2026-11-19T12:00:00.000Z' : state === 'breached' && usedMinutes > 0 ? '2026-11-21T12:00:00.000Z' : null,
});

let n = 0;
/** A review row: Sales asked Engineering, done on time, unless `over` says otherwise. */
export const row = (over: Partial<ReviewRow> = {}): ReviewRow => ({
  id: `r${++n}`,
  key: `K${n}`,
  title: `Request ${n}`,
  from: 'Sales',
  to: 'Engineering',
  createdAt: '2026-11-10T09:00:00.000Z',
  status: 'done',
  priority: 'P3',
  typeId: 'general',
  shortNotice: false,
  neededBy: '2026-11-20T12:00:00.000Z',
  response: clock('met', 30),
  resolution: clock('met', 60),
  escalations: 0,
  again: null,
  comment: '',
  held: [{ department: 'Engineering', hours: 1 }],
  chain: null,
  stake: null,
  ...over,
});
