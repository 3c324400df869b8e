import type { Priority } from '../../../../shared/core/priority.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../../shared/core/priority.js';
import { isOpen } from '../../../../shared/core/status.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';
import { DueLabel, PriorityBadge, ShortNoticeMark, StatusBadge } from '../../ui/badges.js';
import { formatDateTime, formatDay } from '../../ui/format.js';
import { useNow } from '../../ui/useNow.js';
import { Assignee } from './Assignee.js';

/** The request's facts: status, priority (the provider changes it here), assignee, both departments and the dates. */
export function RequestFacts({ detail, side, busy, run }: PaneActionProps) {
  const changePriority = useApp((s) => s.changePriority);
  const me = useApp((s) => s.session?.profile?.name ?? '');
  const now = useNow();
  return (
    <dl className="facts">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={detail.status} />
      </dd>
      <dt>Priority</dt>
      <dd>
        {side === 'provider' && isOpen(detail.status) ? (
          <select aria-label="Priority" value={detail.priority} disabled={busy} onChange={(e) => void run(() => changePriority(e.target.value as Priority))}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        ) : (
          <>
            <PriorityBadge priority={detail.priority} /> {PRIORITY_LABELS[detail.priority].split(' · ')[1]}
          </>
        )}
      </dd>
      <dt>Assignee</dt>
      <dd>
        <Assignee detail={detail} editable={side === 'provider' && isOpen(detail.status)} me={me} />
      </dd>
      <dt>From</dt>
      <dd>
        {detail.fromDepartment} <span className="muted">({detail.requester})</span>
      </dd>
      <dt>To</dt>
      <dd>
        {detail.toDepartment}
        {detail.handedOver && (
          <span className="muted small">
            {' '}
            (handed over by {detail.handedOver.from}, {formatDateTime(detail.handedOver.at)})
          </span>
        )}
      </dd>
      <dt>Needed by</dt>
      <dd>
        {formatDateTime(detail.neededBy)}
        {detail.shortNotice && (
          <>
            {' '}
            <ShortNoticeMark />
          </>
        )}
      </dd>
      <dt>Due</dt>
      <dd>
        {isOpen(detail.status) ? (
          <>
            {formatDateTime(detail.dueAt)} · <DueLabel due={detail.dueAt} status={detail.status} now={now} />
            <span className="muted small">
              {' '}
              ({detail.olaDueAt && detail.olaDueAt < detail.neededBy ? 'OLA target' : detail.agreed ? 'agreed date' : 'needed-by date'})
            </span>
          </>
        ) : (
          '—'
        )}
      </dd>
      {detail.escalated && (
        <>
          <dt>Escalated</dt>
          <dd className="escalation-line">
            “{detail.escalated.reason}”{' '}
            <span className="muted small">
              {formatDateTime(detail.escalated.at)}
              {detail.escalated.count > 1 ? ` · ${detail.escalated.count} times` : ''}
            </span>
          </dd>
        </>
      )}
      <dt>Created</dt>
      <dd>{formatDateTime(detail.createdAt)}</dd>
      {detail.recurring && (
        <>
          <dt>Recurring</dt>
          <dd>
            {detail.recurring.name}, for {formatDay(detail.recurring.date)}
          </dd>
        </>
      )}
    </dl>
  );
}
