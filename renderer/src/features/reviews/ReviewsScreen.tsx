import type { PairFigures, ReviewRow } from '../../../../shared/reviews/pairFigures.js';
import { cellCsv, matrixCsv } from '../../../../shared/reviews/reviewCsv.js';
import type { Priority } from '../../../../shared/core/priority.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../../shared/core/priority.js';
import { STATUS_LABELS } from '../../../../shared/core/status.js';
import { useApp } from '../../state/context.js';
import type { ReviewPeriod } from '../../state/slices/reviewSlice.js';
import { REVIEW_PERIODS } from '../../state/slices/reviewSlice.js';
import { formatDateTime } from '../../ui/format.js';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
/** What late answers cost, as the types' service pages declare it (no currency: each company knows its own). */
const amount = (v: number) => Math.round(v).toLocaleString('en-GB');

/** Hands a CSV to the person as a file to save. */
function download(name: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Reviews: how each department served each other over a period — requesting departments down,
 * providing departments across; a cell's requests below it. Figures from the requests created
 * in the period, as their clocks stand now (waiting on the requester does not count against the
 * provider; short notice is shown apart).
 */
export function ReviewsScreen() {
  const review = useApp((s) => s.review);
  const state = useApp((s) => s.reviewState);
  const error = useApp((s) => s.reviewError);
  const period = useApp((s) => s.reviewPeriod);
  const priority = useApp((s) => s.reviewPriority);
  const typeId = useApp((s) => s.reviewType);
  const config = useApp((s) => s.config);
  // Every request type of every catalog, once per id (a "General request" is one type everywhere).
  const types = [...new Map((config?.departments ?? []).flatMap((d) => d.config.catalog.map((t) => [t.id, t.name] as const))).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const narrowReview = useApp((s) => s.narrowReview);
  const cell = useApp((s) => s.reviewCell);
  const openReviewCell = useApp((s) => s.openReviewCell);
  const pairs = review?.pairs ?? [];
  const requesting = [...new Set(pairs.map((p) => p.from))].sort();
  const providing = [...new Set(pairs.map((p) => p.to))].sort();
  const pairOf = (from: string, to: string) => pairs.find((p) => p.from === from && p.to === to);
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <header className="queue-header">
        <h1 id="reviews-title">Reviews</h1>
        <div className="review-tools">
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
          <button type="button" disabled={!pairs.length} onClick={() => download(`interdesk-review-${period}.csv`, matrixCsv(pairs))}>
            Export CSV
          </button>
        </div>
      </header>
      {state === 'error' && (
        <p role="alert" className="state-message error">
          {error}
        </p>
      )}
      {state === 'loading' && !review && <p className="state-message muted">Reading the period’s requests…</p>}
      {review && !pairs.length && (
        <p className="state-message muted">
          No requests were made in this period{priority ? ` at ${priority}` : ''}
          {typeId ? ` of this type` : ''}.
        </p>
      )}
      {pairs.length > 0 && (
        <div className="review-body">
          <table className="matrix">
            <caption>{review!.total} requests · requesting departments down, providing departments across · resolution met, and would choose again</caption>
            <thead>
              <tr>
                <th scope="col">Asked by ↓ / of →</th>
                {providing.map((to) => (
                  <th key={to} scope="col">
                    {to}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {requesting.map((from) => (
                <tr key={from}>
                  <th scope="row">{from}</th>
                  {providing.map((to) => {
                    const p = pairOf(from, to);
                    return (
                      <td key={to}>
                        {p ? (
                          <button
                            type="button"
                            className="matrix-cell"
                            aria-pressed={cell?.requester === from && cell.provider === to}
                            title={describe(p)}
                            onClick={() => void openReviewCell(from, to)}
                          >
                            <span className="visually-hidden">
                              {from} asked {to}:{' '}
                            </span>
                            <strong>
                              {p.count}
                              <span className="visually-hidden"> requests</span>
                            </strong>
                            <span className={tone(p.resolutionMet)}>{p.resolutionMet === null ? 'none judged yet' : `${percent(p.resolutionMet)} met`}</span>
                            <span className="muted small">
                              {p.breaches ? `${p.breaches} late` : 'none late'}
                              {p.satisfaction.yes + p.satisfaction.no > 0
                                ? ` · ${percent(p.satisfaction.yes / (p.satisfaction.yes + p.satisfaction.no))} again`
                                : ''}
                            </span>
                            {p.atStake > 0 && <span className="tone-bad small">{amount(p.atStake)} at stake, late</span>}
                          </button>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {cell && <CellList requester={cell.requester} provider={cell.provider} rows={cell.rows} figures={pairOf(cell.requester, cell.provider)} />}
        </div>
      )}
    </section>
  );
}

function describe(p: PairFigures): string {
  return [
    `${p.count} requests`,
    `first response met ${percent(p.responseMet)}`,
    `resolution met ${percent(p.resolutionMet)}`,
    `${p.breaches} late`,
    `${p.escalations} escalations`,
    `${p.shortNotice} at short notice`,
    `${amount(p.atStake)} at stake in late answers`,
  ].join(', ');
}

const tone = (met: number | null) => (met === null ? 'muted' : met >= 0.9 ? 'tone-ok' : met >= 0.7 ? 'tone-warn' : 'tone-bad');

function CellList({ requester, provider, rows, figures }: { requester: string; provider: string; rows: ReviewRow[] | null; figures: PairFigures | undefined }) {
  const showRequest = useApp((s) => s.showRequest);
  return (
    <section className="review-cell" aria-labelledby="cell-title">
      <div className="section-head">
        <h2 id="cell-title">
          {requester} → {provider}
        </h2>
        <button type="button" disabled={!rows?.length} onClick={() => rows && download(`interdesk-${requester}-${provider}.csv`, cellCsv(rows))}>
          Export these requests
        </button>
      </div>
      {figures && (
        <dl className="facts review-facts">
          <dt>First response met</dt>
          <dd>{percent(figures.responseMet)}</dd>
          <dt>Resolution met</dt>
          <dd>{percent(figures.resolutionMet)}</dd>
          <dt>Hours to resolve</dt>
          <dd>
            {figures.medianResolutionHours === null
              ? '—'
              : `median ${figures.medianResolutionHours.toFixed(1)} h · 90 % within ${figures.p90ResolutionHours!.toFixed(1)} h`}{' '}
            <span className="muted small">(business hours of {provider})</span>
          </dd>
          <dt>Escalations</dt>
          <dd>{figures.escalations}</dd>
          <dt>At stake, late</dt>
          <dd>
            {amount(figures.atStake)} <span className="muted small">(what the breached requests’ types say a late one costs)</span>
          </dd>
          <dt>Short notice</dt>
          <dd>
            {figures.shortNotice} {figures.shortNotice > 0 && <span className="muted small">({figures.shortNoticeMet} met anyway; not counted as late)</span>}
          </dd>
        </dl>
      )}
      {rows === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => void showRequest(r.id)}>
                    {r.key} {r.title}
                  </button>
                  {r.shortNotice && <span className="muted small"> · short notice</span>}
                </th>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{STATUS_LABELS[r.status]}</td>
                <td>{r.response?.state.replace('_', ' ') ?? '—'}</td>
                <td>{r.resolution?.state.replace('_', ' ') ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
