import { visibleText } from '../core/text.js';
import type { Profile } from '../core/actor.js';
import type { RequestSummary } from '../model/request.js';
import { STATUS_LABELS } from '../core/status.js';
import { isOpen } from '../core/status.js';
import type { ClockView } from '../model/requestSla.js';
import type { Fact } from './policy.js';

/** A date in a notification: short, in the machine's own zone (a notification is read on it). */
const formatShort = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

const clocksOf = (r: RequestSummary): [string, ClockView][] =>
  r.sla
    ? [
        ['response', r.sla.response],
        ['resolution', r.sla.resolution],
      ]
    : [];

/**
 * What is true now that this person may want to hear about, from their department's queues:
 * `incoming` are open requests to the department, `outgoing` the department's own requests (open
 * and closed). Each fact's key names it for good, so it is said once.
 */
export function factsFor(
  profile: Profile,
  incoming: readonly RequestSummary[],
  outgoing: readonly RequestSummary[],
  watching: readonly RequestSummary[] = [],
  /** People asking to join a department this person may answer for (a lead of it, or an admin). */
  asking: readonly { key: string; name: string; department: string }[] = [],
  /** New requests to other departments of a type whose catalog entry names this person to be told. */
  named: readonly RequestSummary[] = [],
  /** Whether this person leads their department (or is an admin, or the share has no roster): escalations are for them. */
  leads = true,
  /** The department's running recurring requests that cannot be sent, and why (for its leads). */
  stuck: readonly { id: string; name: string; problem: string }[] = [],
): Fact[] {
  const facts: Fact[] = [];
  for (const s of stuck) {
    // Said again only if the reason changes (the type came back, then the department went).
    facts.push({
      key: `schedule:${s.id}:${s.problem}`,
      kind: 'scheduleProblem',
      requestId: '',
      title: `“${visibleText(s.name)}” cannot be sent`,
      body: s.problem,
    });
  }
  for (const r of named) {
    if (r.unreadable || r.status !== 'new' || r.requester === profile.name) continue;
    facts.push({
      key: `named:${r.id}`,
      kind: 'typeNotify',
      requestId: r.id,
      title: `New “${r.type}” for ${r.toDepartment}`,
      body: `${r.title} (${r.key}), from ${r.fromDepartment}`,
    });
  }
  for (const a of asking) {
    facts.push({
      key: `join:${a.key}:${a.department}`,
      kind: 'joinRequest',
      requestId: '',
      title: `${visibleText(a.name)} asks to join ${visibleText(a.department)}`,
      body: 'Approve or refuse on the People screen.',
    });
  }
  // A row that could not be read says so in the queue; it is no news to announce.
  const readable = (rows: readonly RequestSummary[]) => rows.filter((r) => !r.unreadable);
  for (const r of readable([...incoming, ...outgoing])) {
    if (!isOpen(r.status)) continue;
    // Dates are agreed between the two: what the other department proposes, and what it accepted of ours.
    if (r.proposal && r.proposal.by !== profile.department)
      facts.push({
        key: `proposal:${r.id}:${r.proposal.id}`,
        kind: 'dateProposed',
        requestId: r.id,
        title: `${r.proposal.by} proposes ${formatShort(r.proposal.neededBy)}: ${r.title}`,
        body: `${r.key} · ${r.proposal.reason}`,
      });
    // The requesting side hears of any new due date below; the provider of a date the requester accepted here.
    if (r.agreed && r.agreed.acceptedBy !== profile.department && r.toDepartment === profile.department)
      facts.push({
        key: `agreed:${r.id}:${r.agreed.at}`,
        kind: 'dueChanged',
        requestId: r.id,
        title: `Now needed by ${formatShort(r.agreed.neededBy)}: ${r.title}`,
        body: `${r.key} · ${r.agreed.acceptedBy} accepted the date`,
      });
  }
  for (const r of readable(incoming)) {
    if (!isOpen(r.status)) continue;
    if (leads && r.escalated)
      facts.push({
        key: `escalated:${r.id}:${r.escalated.at}`,
        kind: 'escalated',
        requestId: r.id,
        title: `${r.fromDepartment} escalated: ${r.title}`,
        body: `${r.key} · ${r.escalated.reason}`,
      });
    if (r.reopened)
      facts.push({
        key: `reopened:${r.id}:${r.reopened.at}`,
        kind: 'reopened',
        requestId: r.id,
        title: `${r.fromDepartment} reopened: ${r.title}`,
        body: `${r.key} · ${r.reopened.reason}`,
      });
    facts.push({
      key: `new:${r.id}`,
      kind: 'newRequest',
      requestId: r.id,
      title: r.handedOver ? `${r.handedOver.from} handed over a request from ${r.fromDepartment}` : `New request from ${r.fromDepartment}`,
      body: `${r.title} (${r.key})`,
    });
    // Taking a request oneself is not news to oneself.
    if (r.assignee === profile.name && r.assignedBy !== profile.name) {
      facts.push({
        key: `assigned:${r.id}:${r.assignedBy}`,
        kind: 'assigned',
        requestId: r.id,
        title: `${r.assignedBy} assigned you a request`,
        body: `${r.title} (${r.key})`,
      });
    }
    for (const [name, clock] of clocksOf(r)) {
      const what = name === 'response' ? 'first response' : 'resolution';
      if (clock.state === 'at_risk')
        facts.push({ key: `risk:${r.id}:${name}`, kind: 'atRisk', requestId: r.id, title: `At risk: ${r.title}`, body: `${r.key} · ${what} due soon` });
      if (clock.state === 'breached')
        facts.push({
          key: `breach:${r.id}:${name}`,
          kind: 'breached',
          requestId: r.id,
          title: `Overdue: ${r.title}`,
          body: `${r.key} · ${what} is past its target`,
        });
    }
  }
  for (const r of readable(outgoing)) {
    // Each pause on this department is news once: a later pause of the same request is a new one.
    if (r.status === 'waiting_on_requester' && r.waiting) {
      const asked = r.sla?.resolution.pauseReason;
      facts.push({
        key: `waiting:${r.id}:${r.waiting.since}`,
        kind: 'waitingOnUs',
        requestId: r.id,
        title: `${r.toDepartment} waits on ${profile.department}`,
        body: `${r.title} (${r.key})${asked ? `: ${visibleText(asked)}` : ''}`,
      });
    }
    // When it falls due, as the asking department sees it: a change is news (a new priority, a date
    // agreed, a hand-over, the end of a pause), its first sight is not (the scope is its baseline).
    if (isOpen(r.status) && r.status !== 'waiting_on_requester')
      facts.push({
        key: `due:${r.id}:${r.dueAt}`,
        kind: 'dueChanged',
        requestId: r.id,
        title: `Now due ${formatShort(r.dueAt)}: ${r.title}`,
        body: r.agreed && r.agreed.neededBy === r.dueAt ? `${r.key} · the date agreed with ${r.toDepartment}` : `${r.key} · at ${r.toDepartment}`,
        scope: `due:${r.id}`,
      });
    if (r.handedOver && isOpen(r.status))
      facts.push({
        key: `handover:${r.id}:${r.handedOver.at}`,
        kind: 'dueChanged',
        requestId: r.id,
        title: `Handed over to ${r.toDepartment}: ${r.title}`,
        body: `${r.key} · ${r.handedOver.from} passed it on; ${r.toDepartment}'s service levels apply now`,
      });
    if (r.resumedByItself)
      facts.push({
        key: `resumed:${r.id}:${r.resumedByItself}`,
        kind: 'resumed',
        requestId: r.id,
        title: `Resumed by itself: ${r.title}`,
        body: `${r.key} · ${r.toDepartment}'s pause ended on the date it named; its clocks run again`,
      });
    if (r.status === 'declined')
      facts.push({
        key: `declined:${r.id}`,
        kind: 'declined',
        requestId: r.id,
        title: `${r.toDepartment} declined: ${r.title}`,
        body: r.declinedBecause ? `${r.key} · ${visibleText(r.declinedBecause)}` : r.key,
      });
    // The requesting side hears when what it waits for runs late, as the provider does.
    if (isOpen(r.status))
      for (const [name, clock] of clocksOf(r)) {
        const what = name === 'response' ? 'first response' : 'resolution';
        if (clock.state === 'at_risk')
          facts.push({
            key: `out-risk:${r.id}:${name}`,
            kind: 'outgoingLate',
            requestId: r.id,
            title: `At risk at ${r.toDepartment}: ${r.title}`,
            body: `${r.key} · ${what} due soon`,
          });
        if (clock.state === 'breached')
          facts.push({
            key: `out-breach:${r.id}:${name}`,
            kind: 'outgoingLate',
            requestId: r.id,
            title: `Overdue at ${r.toDepartment}: ${r.title}`,
            body: `${r.key} · ${what} is past its target`,
          });
      }
    if (r.lastReplyAt)
      facts.push({ key: `reply:${r.id}:${r.lastReplyAt}`, kind: 'reply', requestId: r.id, title: `${r.toDepartment} replied`, body: `${r.title} (${r.key})` });
    if (r.status === 'done' && r.requester === profile.name) {
      facts.push({ key: `done:${r.id}`, kind: 'done', requestId: r.id, title: `Done: ${r.title}`, body: `${r.toDepartment} finished your request (${r.key})` });
      // Asked once, until answered: the answer is what the reviews roll up per pair. (A chain's parent is the department's own: its steps are asked.)
      if (!r.rating && r.toDepartment !== r.fromDepartment)
        facts.push({
          key: `rate:${r.id}`,
          kind: 'satisfaction',
          requestId: r.id,
          title: `Would you choose ${r.toDepartment} again for this?`,
          body: `${r.title} (${r.key}): yes or no, on its page`,
        });
    }
  }
  // Requests of the person's own department are told about above; watching is for the others'.
  for (const r of readable(watching)) {
    if (r.fromDepartment === profile.department || r.toDepartment === profile.department) continue;
    // Every status is a fact, 'new' too: so the scope is known from the moment of watching, and what was true then is the baseline.
    const scope = `watching:${r.id}`;
    facts.push({
      key: `watch-status:${r.id}:${r.status}`,
      kind: 'watched',
      requestId: r.id,
      title: `${STATUS_LABELS[r.status]}: ${r.title}`,
      body: `${r.key} · ${r.fromDepartment} → ${r.toDepartment}`,
      scope,
    });
    if (r.lastReplyAt)
      facts.push({
        key: `watch-reply:${r.id}:${r.lastReplyAt}`,
        kind: 'watched',
        requestId: r.id,
        title: `${r.toDepartment} replied`,
        body: `${r.title} (${r.key})`,
        scope,
      });
  }
  return facts;
}
