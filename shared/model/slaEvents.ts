import type { Priority } from '../core/priority.js';
import type { CreateRequestOp } from '../ops/operations.js';
import type { Status } from '../core/status.js';
import type { SlaEvent } from '../sla/clocks.js';
import type { SlaMarks } from './slaMarks.js';
import type { Mark } from './slaMarks.js';
import { readMarks } from './slaMarks.js';
import type { TransferRegisters } from './transfers.js';
import { lastHandOver } from './transfers.js';
import { parseHlc } from '../ops/hlc.js';
import type { DateRegisters } from './agreedDates.js';
import { agreementOf } from './agreedDates.js';

/** A chain step's wait (chains.ts): what it waits for, and when its turn came (null: not yet). */
export interface ChainTurn {
  waitingFor: string;
  at: number | null;
}

const RESPONSE_STATUSES: ReadonlySet<Status> = new Set(['acknowledged', 'in_progress', 'waiting_on_requester', 'done', 'declined']);

/**
 * What a request's history means for its SLA clocks. The first response is the providing
 * department's first reply or acknowledgement; waiting on the requester pauses, leaving it
 * resumes; done or declined resolves; the requester’s cancellation stops everything; a date both
 * departments agreed sets when the resolution clock falls due.
 */
export function slaEventsOf(create: CreateRequestOp, rec: SlaMarks & { dates?: DateRegisters } & TransferRegisters, turn?: ChainTurn): SlaEvent[] {
  // After a hand-over the receiving department's clocks start then, at the priority the request had then.
  const handedOver = lastHandOver(create, rec.transfers);
  const since = handedOver ? parseHlc(handedOver.hlc).wall : 0;
  const marks = readMarks(rec);
  // Only a handed-over request looks back for the priority it had then: every queue row's clocks come through here.
  const priorityThen = (): Priority =>
    marks.filter((m): m is Extract<Mark, { kind: 'priority' }> => m.kind === 'priority' && m.wall < since).at(-1)?.priority ?? create.fields.priority;
  const events: SlaEvent[] = [
    handedOver
      ? { kind: 'created', at: new Date(since), priority: priorityThen(), handedOver: { from: handedOver.from, to: handedOver.to } }
      : { kind: 'created', at: new Date(+create.hlc.slice(0, 15)), priority: create.fields.priority },
  ];
  // A chain's step that waits for others: its clocks hold from its creation until its turn (chains.ts).
  if (turn && !handedOver) {
    const created = events[0]!.at;
    events.push({ kind: 'waiting', at: created, for: turn.waitingFor });
    if (turn.at !== null) events.push({ kind: 'turn', at: new Date(Math.max(turn.at, created.getTime())) });
  }
  const { agreed } = agreementOf(create, rec.dates, handedOver?.hlc);
  if (agreed) {
    const what = agreed.shortNotice
      ? `${agreed.acceptedBy} accepted the short-notice date ${agreed.proposedBy} asked for`
      : `Date agreed: ${agreed.acceptedBy} accepted ${agreed.proposedBy}’s proposal`;
    events.push({ kind: 'agreed', at: new Date(agreed.at), neededBy: new Date(agreed.neededBy), what });
  }
  let status: Status = 'new';
  for (const m of marks) {
    if (m.wall < since) continue;
    const at = new Date(m.wall);
    if (m.kind === 'reply') {
      events.push({ kind: 'responded', at });
      continue;
    }
    if (m.kind === 'priority') {
      events.push({ kind: 'reprioritised', at, priority: m.priority });
      continue;
    }
    const to = m.status;
    if (m.byProvider && RESPONSE_STATUSES.has(to)) events.push({ kind: 'responded', at });
    if (status === 'waiting_on_requester' && to !== 'waiting_on_requester')
      events.push({ kind: 'resumed', at, ...(!m.byProvider && to === 'in_progress' ? { byReplyOf: create.fields.fromDepartment } : {}) });
    if (to === 'waiting_on_requester') {
      events.push({
        kind: 'paused',
        at,
        ...(m.reason ? { reason: m.reason } : {}),
        ...(m.resumeAt ? { resumeAt: new Date(m.resumeAt) } : {}),
      });
    }
    if ((status === 'done' || status === 'declined') && to !== 'done' && to !== 'declined' && to !== 'cancelled')
      events.push({ kind: 'reopened', at, by: m.byProvider ? (handedOver?.to ?? create.fields.toDepartment) : create.fields.fromDepartment });
    if (to === 'done' || to === 'declined') events.push({ kind: 'resolved', at });
    if (to === 'cancelled') events.push({ kind: 'cancelled', at });
    status = to;
  }
  return events;
}
