import { addDays, format } from 'date-fns';
import { cellCsv, matrixCsv } from '../../../../shared/reviews/reviewCsv.js';
import type { Priority } from '../../../../shared/core/priority.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../../shared/core/priority.js';
import type { TrendStep } from '../../../../shared/reviews/trends.js';
import { useApp } from '../../state/context.js';
import type { ReviewPeriod, ReviewView } from '../../state/slices/reviewSlice.js';
import { periodRange, REVIEW_PERIODS, REVIEW_VIEWS } from '../../state/slices/reviewSlice.js';
import { DepartmentView } from './DepartmentView.js';
import { download } from './download.js';
import { MatrixView } from './MatrixView.js';
import { TrendsView } from './TrendsView.js';

/**
 * Reviews: how departments served each other over a period — the matrix of pairs, their trends,
 * one department's review — with export and a print view. Figures from the requests created in
 * the period, as their clocks stand now (waiting on the requester does not count against the
 * provider; short notice is shown apart).
 */
export function ReviewsScreen() {
  const view = useApp((s) => s.reviewView);
  const review = useApp((s) => s.review);
  const trends = useApp((s) => s.reviewTrends);
  const departmentReview = useApp((s) => s.departmentReview);
  const state = useApp((s) => s.reviewState);
  const error = useApp((s) => s.reviewError);
  const period = useApp((s) => s.reviewPeriod);
  const custom = useApp((s) => s.reviewCustom);
  const priority = useApp((s) => s.reviewPriority);
  const typeId = useApp((s) => s.reviewType);
  const step = useApp((s) => s.reviewStep);
  const chosen = useApp((s) => s.reviewDepartment);
  const own = useApp((s) => s.session?.profile?.department ?? null);
  const config = useApp((s) => s.config);
  const narrowReview = useApp((s) => s.narrowReview);
  const reviewRequests = useApp((s) => s.reviewRequests);
  const departments = (config?.departments ?? []).map((d) => d.name);
  // Every request type of every catalog, once per id (a "General request" is one type everywhere).
  const types = [...new Map((config?.departments ?? []).flatMap((d) => d.config.catalog.map((t) => [t.id, t.name] as const))).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const range = periodRange(period, new Date(), custom);
  const rangeText = `${format(new Date(range.from), 'd MMM yyyy')} – ${format(addDays(new Date(range.to), -1), 'd MMM yyyy')}`;
  const pairs = review?.pairs ?? [];
  // What the chosen view has to show (an earlier answer stays while the next loads).
  const shown = view === 'matrix' ? review : view === 'trends' ? trends : departmentReview;
  const exportAll = async () => {
    const rows = await reviewRequests();
    if (rows) download(`interdesk-requests-${range.from.slice(0, 10)}.csv`, cellCsv(rows));
  };
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <header className="queue-header">
        <h1 id="reviews-title">Reviews</h1>
        <fieldset className="view-switch no-print" aria-label="View">
          {(Object.entries(REVIEW_VIEWS) as [ReviewView, string][]).map(([value, label]) => (
            <button key={value} type="button" aria-pressed={view === value} onClick={() => void narrowReview({ view: value })}>
              {label}
            </button>
          ))}
        </fieldset>
        <div className="review-actions no-print">
          {view === 'matrix' && (
            <button type="button" disabled={!pairs.length} onClick={() => download(`interdesk-review-${range.from.slice(0, 10)}.csv`, matrixCsv(pairs))}>
              Export CSV
            </button>
          )}
          <button type="button" onClick={() => void exportAll()}>
            Export all requests
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      <div className="review-tools no-print">
        <label className="inline-field">
          Period
          <select value={period} onChange={(e) => void narrowReview({ period: e.target.value as ReviewPeriod })}>
            {Object.entries(REVIEW_PERIODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {period === 'custom' && (
          <>
            <label className="inline-field">
              From
              <input type="date" value={custom.first} onChange={(e) => e.target.value && void narrowReview({ custom: { ...custom, first: e.target.value } })} />
            </label>
            <label className="inline-field">
              To
              <input type="date" value={custom.last} onChange={(e) => e.target.value && void narrowReview({ custom: { ...custom, last: e.target.value } })} />
            </label>
          </>
        )}
        <label className="inline-field">
          Priority
          <select value={priority ?? ''} onChange={(e) => void narrowReview({ priority: (e.target.value || null) as Priority | null })}>
            <option value="">All</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Type
          <select value={typeId ?? ''} onChange={(e) => void narrowReview({ typeId: e.target.value || null })}>
            <option value="">All</option>
            {types.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {view === 'trends' && (
          <label className="inline-field">
            By
            <select value={step} onChange={(e) => void narrowReview({ step: e.target.value as TrendStep })}>
              <option value="week">Week</option>
              <option value="month">Month</option>
            </select>
          </label>
        )}
        {view !== 'matrix' && (
          <label className="inline-field">
            {view === 'trends' ? 'Provided by' : 'Review of'}
            <select value={chosen ?? (view === 'department' ? (own ?? '') : '')} onChange={(e) => void narrowReview({ department: e.target.value || null })}>
              {view === 'trends' && <option value="">All departments</option>}
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="print-only review-print-head">
        Interdesk · {REVIEW_VIEWS[view]} · {rangeText}
        {priority ? ` · ${priority}` : ''}
        {typeId ? ` · ${types.find(([id]) => id === typeId)?.[1] ?? typeId}` : ''}
        {view !== 'matrix' && (chosen ?? (view === 'department' ? own : null)) ? ` · ${chosen ?? own}` : ''} · printed {format(new Date(), 'd MMM yyyy HH:mm')}
      </p>
      {state === 'error' && (
        <p role="alert" className="state-message error">
          {error}
        </p>
      )}
      {state === 'loading' && !shown && <p className="state-message muted">Reading the period’s requests…</p>}
      {view === 'matrix' && review && !pairs.length && (
        <p className="state-message muted">
          No requests were made in this period{priority ? ` at ${priority}` : ''}
          {typeId ? ` of this type` : ''}.
        </p>
      )}
      {view === 'matrix' && pairs.length > 0 && <MatrixView pairs={pairs} total={review!.total} />}
      {view === 'trends' && trends && <TrendsView trends={trends} step={step} />}
      {view === 'department' && departmentReview && <DepartmentView review={departmentReview} />}
    </section>
  );
}
