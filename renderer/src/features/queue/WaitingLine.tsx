import { formatMinutes } from '../../../../shared/sla/clocks.js';
import type { RequestSummary } from '../../../../shared/model/request.js';

/** What the providing department asked, and how long it has waited on this one (in this department's business time). */
export function WaitingLine({ r }: { r: RequestSummary }) {
  const asked = r.sla?.resolution.pauseReason;
  return (
    <span className="waiting-line" title={asked ? `${r.toDepartment} asked: ${asked}` : undefined}>
      waiting {formatMinutes(r.waiting!.businessMinutes)} · {asked ? `asked: ${asked}` : `${r.toDepartment} waits on an answer`}
    </span>
  );
}
