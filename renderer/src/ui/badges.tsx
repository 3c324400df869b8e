import type { Priority } from '../../../shared/core/priority.js';
import type { Status } from '../../../shared/core/status.js';
import { PRIORITY_LABELS } from '../../../shared/core/priority.js';
import { STATUS_LABELS } from '../../../shared/core/status.js';
import { dueLabel } from '../../../shared/time/relative.js';
import { isOpen } from '../../../shared/core/status.js';
import type { ClockView, RequestSla } from '../../../shared/model/requestSla.js';
import { clockText, clockTone, formatWhen } from './format.js';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`badge priority priority-${priority}`} title={PRIORITY_LABELS[priority]}>
      {priority}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** Text first, colour second: "overdue by 3 h" reads the same without the red. */
export function DueLabel({ due, status, now }: { due: string; status: Status; now: Date }) {
  if (!isOpen(status)) return <span className="due due-closed">—</span>;
  const label = dueLabel(new Date(due), now);
  const ms = Date.parse(due) - now.getTime();
  const tone = ms < 0 ? 'overdue' : ms < 24 * 3600_000 ? 'soon' : 'later';
  return (
    <time className={`due due-${tone}`} dateTime={due} title={new Date(due).toLocaleString()}>
      {label}
    </time>
  );
}

/** One SLA clock: its state in words, its due date on hover. */
export function ClockBadge({ clock, label }: { clock: ClockView; label?: string }) {
  const text = clockText(clock);
  const title = clock.dueAt ? `Due ${formatWhen(clock.dueAt)}` : clock.resumesAt ? `Resumes ${formatWhen(clock.resumesAt)}` : undefined;
  return (
    <span className={`clock clock-${clockTone(clock)}`} title={title}>
      {label && <span className="clock-label">{label} · </span>}
      {text}
    </span>
  );
}

/** Both clocks of a row: the one that needs attention first, the other beneath it. */
export function SlaCell({ sla }: { sla: RequestSla | null }) {
  if (!sla) return <span className="muted">—</span>;
  const responding = sla.response.stoppedAt === null && sla.resolution.stoppedAt === null;
  const [first, second] = responding
    ? [<ClockBadge key="r" clock={sla.response} label="Reply" />, <ClockBadge key="s" clock={sla.resolution} label="Resolve" />]
    : [<ClockBadge key="s" clock={sla.resolution} label="Resolve" />, <ClockBadge key="r" clock={sla.response} label="Reply" />];
  return (
    <>
      <span className="sla-first">{first}</span>
      <span className="row-sub">{second}</span>
    </>
  );
}

/** Sent by someone whose membership of the requesting department no lead has approved (yet). */
export function UnverifiedMark() {
  return (
    <span className="tag unverified" title="Sent from a computer a lead of the requesting department has not approved">
      Unverified
    </span>
  );
}

/** A request of a confidential type: its title, details and answers are sealed to the two departments. */
export function ConfidentialMark({ locked }: { locked: boolean }) {
  return (
    <span
      className="tag confidential"
      title={
        locked
          ? 'Confidential: only its two departments read its title, details and answers'
          : 'Confidential: sealed to its two departments on the shared folder'
      }
    >
      Confidential
    </span>
  );
}

/** The requesting department escalated it: at risk or overdue, its reason in the title. */
export function EscalatedMark({ reason, count }: { reason: string; count: number }) {
  return (
    <span className="tag escalated" title={`Escalated${count > 1 ? ` ${count} times` : ''}: ${reason}`}>
      Escalated
    </span>
  );
}

export function ShortNoticeMark() {
  return (
    <span className="tag short-notice" title="Asked for sooner than the request type’s lead time">
      Short notice
    </span>
  );
}
