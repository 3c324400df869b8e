import type { Priority, Status } from '../../../shared/model/request.js';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../shared/model/request.js';
import { dueLabel } from '../../../shared/time/relative.js';
import { isOpen } from '../../../shared/model/status.js';

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
