import { addMonths, addQuarters, startOfMonth, startOfQuarter } from 'date-fns';
import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { Priority } from '../../../../shared/core/priority.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import type { Loadable } from './listSlice.js';

export const REVIEW_PERIODS = { thisMonth: 'This month', lastMonth: 'Last month', quarter: 'This quarter' } as const;
export type ReviewPeriod = keyof typeof REVIEW_PERIODS;

/** A period as instants, in this computer's calendar: from inclusive, to exclusive. */
export function periodRange(period: ReviewPeriod, now: Date): { from: string; to: string } {
  const start = period === 'quarter' ? startOfQuarter(now) : addMonths(startOfMonth(now), period === 'lastMonth' ? -1 : 0);
  const end = period === 'quarter' ? addQuarters(start, 1) : addMonths(start, 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** The Reviews screen: how each department pair did over a period, and the requests of one pair. */
export interface ReviewSlice {
  reviewPeriod: ReviewPeriod;
  reviewPriority: Priority | null;
  /** A request type id (the same id in every catalog that has it), or null for all. */
  reviewType: string | null;
  review: ApiOutputs['getReview'] | null;
  reviewState: Loadable;
  reviewError: string | null;
  /** The pair whose requests are listed, and them (null while loading). */
  reviewCell: { requester: string; provider: string; rows: ApiOutputs['getReviewCell']['rows'] | null } | null;
  loadReview(): Promise<void>;
  narrowReview(change: { period?: ReviewPeriod; priority?: Priority | null; typeId?: string | null }): Promise<void>;
  openReviewCell(requester: string, provider: string): Promise<void>;
}

export const createReviewSlice = (set: SetState, get: GetState, { client }: StoreDeps): ReviewSlice => {
  const narrowing = () => ({
    ...periodRange(get().reviewPeriod, new Date()),
    ...(get().reviewPriority ? { priority: get().reviewPriority! } : {}),
    ...(get().reviewType ? { typeId: get().reviewType! } : {}),
  });
  return {
    reviewPeriod: 'thisMonth',
    reviewPriority: null,
    reviewType: null,
    review: null,
    reviewState: 'idle',
    reviewError: null,
    reviewCell: null,
    async loadReview() {
      set({ reviewState: 'loading', reviewError: null });
      const asked = narrowing();
      const r = await client.getReview(asked);
      // An answer to an older question (the period changed meanwhile) is not shown.
      if (JSON.stringify(asked) !== JSON.stringify(narrowing())) return;
      set(r.ok ? { review: r.value, reviewState: 'ready' } : { reviewState: 'error', reviewError: r.error.message });
      const cell = get().reviewCell;
      if (r.ok && cell) await get().openReviewCell(cell.requester, cell.provider);
    },
    async narrowReview({ period, priority, typeId }) {
      set({
        ...(period ? { reviewPeriod: period } : {}),
        ...(priority !== undefined ? { reviewPriority: priority } : {}),
        ...(typeId !== undefined ? { reviewType: typeId } : {}),
      });
      await get().loadReview();
    },
    async openReviewCell(requester, provider) {
      set({ reviewCell: { requester, provider, rows: null } });
      const r = await client.getReviewCell({ ...narrowing(), requester, provider });
      const current = get().reviewCell;
      if (current?.requester !== requester || current.provider !== provider) return;
      set({ reviewCell: { requester, provider, rows: r.ok ? r.value.rows : [] }, ...(r.ok ? {} : { reviewError: r.error.message }) });
    },
  };
};
