import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { DepartmentReview } from '../../../../shared/reviews/departmentReview.js';
import type { Figures, PairFigures } from '../../../../shared/reviews/pairFigures.js';
import { useApp } from '../../state/context.js';
import { ChartFigure } from '../../ui/ChartFigure.js';
import { amount, compactNumber, hoursFigure, percent, tone } from './figureText.js';

const again = (f: Figures) => (f.satisfaction.yes + f.satisfaction.no ? percent(f.satisfaction.yes / (f.satisfaction.yes + f.satisfaction.no)) : '—');

/** One department's review: what it received and how it did, what it asked of others and how they did, where time went in its chains, what its requesters said. */
export function DepartmentView({ review }: { review: DepartmentReview }) {
  const showRequest = useApp((s) => s.showRequest);
  const { department } = review;
  return (
    <div className="review-body department-review">
      <div className="review-columns">
        <Side title={`Asked of ${department}`} figures={review.received} pairs={review.receivedFrom} by="from" byLabel="Asked by">
          {review.receivedByType.length > 0 && <ByType rows={review.receivedByType} />}
        </Side>
        <Side title={`Asked by ${department} of others`} figures={review.asked} pairs={review.askedOf} by="to" byLabel="Asked of" />
      </div>
      <ChartFigure
        title="Where the time went"
        note={`business hours each department held the requests handed over that ${department} asked or passed on`}
        empty={review.held.length === 0 && `No request ${department} asked or held in this period was handed over.`}
        columns={['Department', 'Business hours', 'Requests']}
        rows={review.held.map((h) => [h.department, hoursFigure(h.hours), h.requests])}
      >
        <ResponsiveContainer width="100%" height={Math.max(80, 30 * review.held.length + 30)}>
          <BarChart accessibilityLayer={false} data={review.held} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" unit=" h" tickFormatter={compactNumber} tick={{ fontSize: 11, fill: 'var(--muted)' }} tickLine={false} axisLine={false} />
            <YAxis type="category" dataKey="department" width={120} tick={{ fontSize: 12, fill: 'var(--text)' }} tickLine={false} axisLine={false} />
            <Bar dataKey="hours" name="Business hours" fill="var(--chart-count)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">What its requesters said</h2>
        {review.comments.length === 0 ? (
          <p className="muted">Nobody has answered “Would you choose {department} again?” for a request of this period yet.</p>
        ) : (
          <ul className="review-comments">
            {review.comments.map((c) => (
              <li key={c.id}>
                <span className={c.again ? 'tone-ok' : 'tone-bad'}>{c.again ? 'Would choose again' : 'Would not choose again'}</span>
                <span className="muted small"> · {c.from} · </span>
                <button type="button" className="link" onClick={() => void showRequest(c.id)}>
                  {c.key} {c.title}
                </button>
                {c.comment && <q>{c.comment}</q>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** What was asked of the department, per request type: how it did, and whether its requesters would choose it again. */
function ByType({ rows }: { rows: DepartmentReview['receivedByType'] }) {
  const config = useApp((s) => s.config);
  const names = new Map((config?.departments ?? []).flatMap((d) => d.config.catalog.map((t) => [t.id, t.name] as const)));
  return (
    <table className="compact">
      <caption>By request type</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Requests</th>
          <th scope="col">Resolution met</th>
          <th scope="col">Would choose again</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.typeId ?? ''}>
            <th scope="row">{t.typeId === null ? 'No type' : (names.get(t.typeId) ?? t.typeId)}</th>
            <td>{t.count}</td>
            <td className={tone(t.resolutionMet)}>{percent(t.resolutionMet)}</td>
            <td>{again(t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Side({
  title,
  figures,
  pairs,
  by,
  byLabel,
  children,
}: {
  title: string;
  figures: Figures | null;
  pairs: PairFigures[];
  by: 'from' | 'to';
  byLabel: string;
  children?: ReactNode;
}) {
  return (
    <section className="review-side" aria-label={title}>
      <h2>{title}</h2>
      {!figures ? (
        <p className="muted">No requests in this period.</p>
      ) : (
        <>
          <dl className="facts review-facts">
            <dt>Requests</dt>
            <dd>{figures.count}</dd>
            <dt>Resolution met</dt>
            <dd className={tone(figures.resolutionMet)}>{percent(figures.resolutionMet)}</dd>
            <dt>Hours to resolve</dt>
            <dd>
              median {hoursFigure(figures.medianResolutionHours)} · 90 % within {hoursFigure(figures.p90ResolutionHours)}
            </dd>
            <dt>Late</dt>
            <dd>
              {figures.breaches}
              {figures.atStake > 0 && <span className="tone-bad small"> · {amount(figures.atStake)} at stake</span>}
            </dd>
            <dt>Would choose again</dt>
            <dd>{again(figures)}</dd>
          </dl>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{byLabel}</th>
                <th scope="col">Requests</th>
                <th scope="col">Resolution met</th>
                <th scope="col">Late</th>
                <th scope="col">Short notice</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((p) => (
                <tr key={p[by]}>
                  <th scope="row">{p[by]}</th>
                  <td>{p.count}</td>
                  <td className={tone(p.resolutionMet)}>{percent(p.resolutionMet)}</td>
                  <td>{p.breaches}</td>
                  <td>{p.shortNotice}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {children}
        </>
      )}
    </section>
  );
}
