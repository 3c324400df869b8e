import { parseHlc } from '../model/hlc.js';
import type { Operation } from '../model/operations.js';
import type { Status } from '../model/request.js';
import type { SlaEvent } from './clocks.js';

const RESPONSE_STATUSES: ReadonlySet<Status> = new Set(['acknowledged', 'in_progress', 'waiting_on_requester', 'done', 'declined']);

/**
 * What a request's operations mean for its SLA clocks. The first response is the providing
 * department's first reply or acknowledgement; waiting on the requester pauses, leaving it
 * resumes; done or declined resolves; the requester's cancellation stops everything.
 * `ops` are one request's operations, in any order (they are put in clock order here).
 */
export function slaEventsOf(ops: readonly Operation[]): SlaEvent[] {
  const sorted = [...ops].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const create = sorted.find((op) => op.type === 'request.create');
  if (!create || create.type !== 'request.create') return [];
  const provider = create.fields.toDepartment;
  const at = (op: Operation) => new Date(parseHlc(op.hlc).wall);
  const events: SlaEvent[] = [{ kind: 'created', at: at(create), priority: create.fields.priority }];
  let status: Status = 'new';
  for (const op of sorted) {
    const byProvider = op.actor.department === provider;
    if (op.type === 'request.comment' && byProvider) events.push({ kind: 'responded', at: at(op) });
    if (op.type !== 'request.status') continue;
    const to = op.fields.status;
    if (byProvider && RESPONSE_STATUSES.has(to)) events.push({ kind: 'responded', at: at(op) });
    if (status === 'waiting_on_requester' && to !== 'waiting_on_requester') events.push({ kind: 'resumed', at: at(op) });
    if (to === 'waiting_on_requester') events.push({ kind: 'paused', at: at(op), ...(op.fields.note ? { reason: op.fields.note } : {}) });
    if (to === 'done' || to === 'declined') events.push({ kind: 'resolved', at: at(op) });
    if (to === 'cancelled') events.push({ kind: 'cancelled', at: at(op) });
    status = to;
  }
  return events;
}
