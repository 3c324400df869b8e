import type { PairFigures, ReviewRow } from '../../../../shared/reviews/pairFigures.js';
import { cellCsv } from '../../../../shared/reviews/reviewCsv.js';
import { STATUS_LABELS } from '../../../../shared/core/status.js';
import { useApp } from '../../state/context.js';
import { formatDateTime } from '../../ui/format.js';
import { download } from './download.js';
import { amount, percent, tone } from './figureText.js';

/** Requesting departments down, providing departments across; a cell's requests below it. */
export function MatrixView({ pairs, total }: { pairs: PairFigures[]; total: number }) {
  const cell = useApp((s) => s.reviewCell);
  const openReviewCell = useApp((s) => s.openReviewCell);
  const requesting = [...new Set(pairs.map((p) => p.from))].sort();
  const providing = [...new Set(pairs.map((p) => p.to))].sort();
  const pairOf = (from: string, to: string) => pairs.find((p) => p.from === from && p.to === to);
  return (
    <div className="review-body">
      <table className="matrix">
        <caption>{total} requests · requesting departments down, providing departments across · resolution met, and would choose again</caption>
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

function CellList({ requester, provider, rows, figures }: { requester: string; provider: string; rows: ReviewRow[] | null; figures: PairFigures | undefined }) {
  const showRequest = useApp((s) => s.showRequest);
  return (
    <section className="review-cell" aria-labelledby="cell-title">
      <div className="section-head">
        <h2 id="cell-title">
          {requester} → {provider}
        </h2>
        <button
          type="button"
          className="no-print"
          disabled={!rows?.length}
          onClick={() => rows && download(`interdesk-${requester}-${provider}.csv`, cellCsv(rows))}
        >
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
