import type { RequestDetail } from '../../../../shared/model/request.js';
import { ClockBadge } from '../../ui/badges.js';
import { formatWhen } from '../../ui/format.js';

/** Both clocks of a request, its OLA target, and "why is it due then" event by event. */
export function ServiceLevel({ detail }: { detail: RequestDetail }) {
  const sla = detail.sla;
  if (!sla) return <p className="muted small">{detail.toDepartment} has no service levels on this computer yet.</p>;
  return (
    <>
      <dl className="facts">
        <dt>First response</dt>
        <dd>
          <ClockBadge clock={sla.response} />{' '}
          <span className="muted small">
            {sla.response.dueAt ? `due ${formatWhen(sla.response.dueAt)}` : sla.response.stoppedAt ? `answered ${formatWhen(sla.response.stoppedAt)}` : ''}
          </span>
        </dd>
        <dt>Resolution</dt>
        <dd>
          <ClockBadge clock={sla.resolution} />{' '}
          <span className="muted small">{sla.resolution.resumesAt ? `resumes ${formatWhen(sla.resolution.resumesAt)}` : ''}</span>
        </dd>
        <dt>OLA target</dt>
        <dd>
          {detail.olaDueAt ? (
            <time dateTime={detail.olaDueAt}>{formatWhen(detail.olaDueAt)}</time>
          ) : sla.resolution.state === 'paused' ? (
            'Moves when the pause ends'
          ) : (
            '—'
          )}
        </dd>
      </dl>
      {detail.timeline.length > 0 && (
        <details className="timeline">
          <summary>Why is it due then?</summary>
          <ol>
            {detail.timeline.map((t) => (
              <li key={`${t.at} ${t.what}`}>
                <span className="muted small">{formatWhen(t.at)}</span> {t.what}
                {t.dueAt && <span className="muted"> → due {formatWhen(t.dueAt)}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
