import { addMonths, addQuarters, startOfMonth, startOfQuarter } from 'date-fns';
import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { Priority } from '../../../../shared/core/priority.js';
import type { TrendStep } from '../../../../shared/reviews/trends.js';
import { daysRange, monthSoFar } from '../../../../shared/reviews/period.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import type { Loadable } from './listSlice.js';

export const REVIEW_PERIODS = {
  thisMonth: 'This month',
  lastMonth: 'Last month',
  quarter: 'This quarter',
  lastQuarter: 'Last quarter',
  custom: 'Custom…',
} as const;
export type ReviewPeriod = keyof typeof REVIEW_PERIODS;
export const REVIEW_VIEWS = { matrix: 'Matrix', trends: 'Trends', department: 'One department' } as const;
export type ReviewView = keyof typeof REVIEW_VIEWS;

/** A custom period as a person picks it: first and last day, both included (yyyy-MM-dd). */
export interface CustomPeriod {
  first: string;
  last: string;
}

/** A period as instants, in this computer's calendar: from inclusive, to exclusive. */
export function periodRange(period: ReviewPeriod, now: Date, custom?: CustomPeriod): { from: string; to: string } {
  if (period === 'custom' && custom) return daysRange(custom.first, custom.last);
  const quarter = period === 'quarter' || period === 'lastQuarter';
  const start = quarter ? addQuarters(startOfQuarter(now), period === 'lastQuarter' ? -1 : 0) : addMonths(startOfMonth(now), period === 'lastMonth' ? -1 : 0);
  return { from: start.toISOString(), to: (quarter ? addQuarters(start, 1) : addMonths(start, 1)).toISOString() };
}

/** The Reviews screen: how department pairs did over a period, their trends, and one department's review. */
export interface ReviewSlice {
  reviewView: ReviewView;
  reviewPeriod: ReviewPeriod;
  reviewCustom: CustomPeriod;
  reviewPriority: Priority | null;
  /** A request type id (the same id in every catalog that has it), or null for all. */
  reviewType: string | null;
  reviewStep: TrendStep;
  /** The department the trends are narrowed to (as provider), and whose review is shown; null: the trends of all. */
  reviewDepartment: string | null;
  review: ApiOutputs['getReview'] | null;
  reviewTrends: ApiOutputs['getReviewTrends'] | null;
  departmentReview: ApiOutputs['getDepartmentReview'] | null;
  reviewState: Loadable;
  reviewError: string | null;
  /** The pair whose requests are listed, and them (null while loading). */
  reviewCell: { requester: string; provider: string; rows: ApiOutputs['getReviewRequests']['rows'] | null } | null;
  loadReview(): Promise<void>;
  narrowReview(change: {
    view?: ReviewView;
    period?: ReviewPeriod;
    custom?: CustomPeriod;
    priority?: Priority | null;
    typeId?: string | null;
    step?: TrendStep;
    department?: string | null;
  }): Promise<void>;
  openReviewCell(requester: string, provider: string): Promise<void>;
  /** Every request of the period (for export), or null with the error shown. */
  reviewRequests(): Promise<ApiOutputs['getReviewRequests']['rows'] | null>;
}

export const createReviewSlice = (set: SetState, get: GetState, { client }: StoreDeps): ReviewSlice => {
  const narrowing = () => ({
    ...periodRange(get().reviewPeriod, new Date(), get().reviewCustom),
    ...(get().reviewPriority ? { priority: get().reviewPriority! } : {}),
    ...(get().reviewType ? { typeId: get().reviewType! } : {}),
  });
  /** What is on screen depends on: an answer to an older question (the period changed meanwhile) is not shown. */
  const question = () => JSON.stringify([narrowing(), get().reviewView, get().reviewStep, get().reviewDepartment]);
  return {
    reviewView: 'matrix',
    reviewPeriod: 'thisMonth',
    reviewCustom: monthSoFar(new Date()),
    reviewPriority: null,
    reviewType: null,
    reviewStep: 'week',
    reviewDepartment: null,
    review: null,
    reviewTrends: null,
    departmentReview: null,
    reviewState: 'idle',
    reviewError: null,
    reviewCell: null,
    async loadReview() {
      set({ reviewState: 'loading', reviewError: null });
      const asked = question();
      const view = get().reviewView;
      const department = get().reviewDepartment ?? get().session?.profile?.department ?? null;
      const r =
        view === 'trends'
          ? await client.getReviewTrends({ ...narrowing(), step: get().reviewStep, ...(get().reviewDepartment ? { provider: get().reviewDepartment! } : {}) })
          : view === 'department' && department
            ? await client.getDepartmentReview({ ...narrowing(), department })
            : await client.getReview(narrowing());
      if (asked !== question()) return;
      if (!r.ok) {
        set({ reviewState: 'error', reviewError: r.error.message });
        return;
      }
      const value = r.value as never;
      set({ reviewState: 'ready', ...(view === 'trends' ? { reviewTrends: value } : view === 'department' ? { departmentReview: value } : { review: value }) });
      const cell = get().reviewCell;
      if (view === 'matrix' && cell) await get().openReviewCell(cell.requester, cell.provider);
    },
    async narrowReview({ view, period, custom, priority, typeId, step, department }) {
      set({
        ...(view ? { reviewView: view } : {}),
        ...(period ? { reviewPeriod: period } : {}),
        ...(custom ? { reviewCustom: custom } : {}),
        ...(priority !== undefined ? { reviewPriority: priority } : {}),
        ...(typeId !== undefined ? { reviewType: typeId } : {}),
        ...(step ? { reviewStep: step } : {}),
        ...(department !== undefined ? { reviewDepartment: department } : {}),
      });
      await get().loadReview();
    },
    async openReviewCell(requester, provider) {
      set({ reviewCell: { requester, provider, rows: null } });
      const r = await client.getReviewRequests({ ...narrowing(), requester, provider });
      const current = get().reviewCell;
      if (current?.requester !== requester || current.provider !== provider) return;
      set({ reviewCell: { requester, provider, rows: r.ok ? r.value.rows : [] }, ...(r.ok ? {} : { reviewError: r.error.message }) });
    },
    async reviewRequests() {
      const r = await client.getReviewRequests(narrowing());
      if (r.ok) return r.value.rows;
      set({ reviewError: r.error.message, reviewState: 'error' });
      return null;
    },
  };
};
