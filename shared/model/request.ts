import type { Actor } from '../core/actor.js';
import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';
import type { ClockView, RequestSla, SlaTimelineEntry } from './requestSla.js';
import type { LinkKind } from '../core/links.js';

export interface Comment {
  id: string;
  at: string;
  actor: Actor;
  body: string;
  /** A confidential note as the fold holds it: opened by the services with the department's key, never sent to the window. */
  sealed?: { key: string; box: string };
  /** A confidential note this computer holds no key for yet (its body is empty). */
  locked?: true;
}

export type HistoryEntry =
  | { id: string; at: string; actor: Actor; kind: 'created' }
  | { id: string; at: string; actor: Actor; kind: 'status'; from: Status | null; to: Status; note?: string; resumeAt?: string; reopened?: true }
  | { id: string; at: string; actor: Actor; kind: 'priority'; from: Priority | null; to: Priority }
  | { id: string; at: string; actor: Actor; kind: 'assigned'; to: string | null }
  | { id: string; at: string; actor: Actor; kind: 'comment' | 'note' }
  | { id: string; at: string; actor: Actor; kind: 'watch'; watching: boolean }
  | { id: string; at: string; actor: Actor; kind: 'link'; link: LinkKind; other: string; linked: boolean }
  | { id: string; at: string; actor: Actor; kind: 'attachment'; name: string }
  | { id: string; at: string; actor: Actor; kind: 'escalated'; reason: string }
  | { id: string; at: string; actor: Actor; kind: 'dateProposed'; neededBy: string; reason: string }
  /** The requesting department said whether it would choose the provider again. */
  | { id: string; at: string; actor: Actor; kind: 'rated'; again: boolean; comment: string }
  /** Handed over to `to` as its request type `type` (the actor's department handed it over). */
  | { id: string; at: string; actor: Actor; kind: 'transferred'; to: string; type: string; note?: string }
  /** A correction by the requester: `field` is title, details or form.<id>; `sealed` (value null): a confidential request's sealed text, corrected. */
  | { id: string; at: string; actor: Actor; kind: 'edited'; field: string; value: string | null }
  /** The date accepted (null: a proposal this computer has not seen); `asked`: the date the request was sent with. */
  | { id: string; at: string; actor: Actor; kind: 'dateAccepted'; neededBy: string | null; asked: boolean };

/**
 * A link as the detail shows it. `to`: this request states it (its parent, what it duplicates);
 * `from`: the other request states it (a child, a duplicate of this one).
 */
export interface RequestLink {
  kind: LinkKind;
  direction: 'to' | 'from';
  other: string;
  key: string;
  /** Null when the other request has not arrived on this computer. */
  title: string | null;
  status: Status | null;
}

export interface Attachment {
  id: string;
  at: string;
  actor: Actor;
  name: string;
  size: number;
  sha256: string;
  mime: string;
  /** A file of a confidential request as the fold holds it: sealed, for main to open (never sent to the window). */
  sealed?: { seals: Record<string, { key: string; sealed: string }>; box: string };
  /** Sealed, and this computer holds no key that opens it. */
  locked?: true;
}

/** What a queue row needs; dates are ISO-8601 strings because this crosses the wire. */
export interface RequestSummary {
  id: string;
  key: string;
  type: string;
  title: string;
  priority: Priority;
  status: Status;
  /** Who in the providing department works on it. */
  assignee: string | null;
  assignedBy: string | null;
  fromDepartment: string;
  toDepartment: string;
  requester: string;
  createdAt: string;
  updatedAt: string;
  /** The date the work is needed by: the one both departments agreed, else the one the requester asked for. */
  neededBy: string;
  /**
   * A needed-by date both departments agreed (docs/sync.md §Agreed dates): which, when, who
   * proposed and who accepted it, the date first asked for; `shortNotice`: the provider accepted a
   * short-notice request's date as asked.
   */
  agreed?: { neededBy: string; at: string; acceptedBy: string; proposedBy: string; shortNotice: boolean; askedFor: string };
  /** A date proposed and not answered yet: the other department accepts it or counters. */
  proposal?: { id: string; neededBy: string; reason: string; by: string; at: string };
  /** When the OLA's resolution clock falls due; null when it is paused, stopped or has no policy. */
  olaDueAt: string | null;
  /** The date the queue sorts by: the earlier of the needed-by date and the OLA target. */
  dueAt: string;
  /** Asked for sooner than the request type's lead time. */
  shortNotice: boolean;
  /** Sent from a computer whose person was not (yet) a member of the requesting department: anyone may send requests, marked so (docs/sync.md §Roster). */
  unverified?: true;
  /**
   * A request of a confidential type (docs/sync.md §Confidential requests): 'open' when this
   * computer could read its sealed title, details and form; 'locked' when it holds no key for it.
   */
  confidential?: 'open' | 'locked';
  /**
   * Paused on the requesting department (waiting_on_requester): since when, and for how many
   * business minutes of the requesting department's calendar it has waited on it.
   */
  waiting?: { since: string; businessMinutes: number };
  /** Paused on the requesting department until a date that has passed: when it resumed by itself. */
  resumedByItself?: string;
  /** Escalated by the requesting department: when last, why, and how many times. */
  escalated?: { at: string; reason: string; count: number };
  /** "Would you choose them again for this?": the requesting department's latest answer. */
  rating?: { again: boolean; comment: string; at: string };
  /** Handed over to the department it is with now: from which, and when (the latest hand-over). */
  handedOver?: { from: string; at: string };
  /** Reopened by the requesting department after it was done: when last, and why. */
  reopened?: { at: string; reason: string };
  /** Declined: the reason the providing department gave (required since declining asks for one). */
  declinedBecause?: string;
  /** The clocks when the list was made; null when the providing department has no policy. */
  sla: RequestSla | null;
  commentCount: number;
  /** When the providing department last commented, if it has. */
  lastReplyAt: string | null;
  /** Set when the request's data could not be made into a row: why, in words (the row says so instead). */
  unreadable?: string;
}

/** A chain's step as its parent's page shows it: who does it, where it stands, and what it waits for. */
export interface ChainStepView {
  step: string;
  id: string;
  key: string;
  department: string;
  title: string;
  status: Status | null;
  neededBy: string | null;
  /** The steps it still waits for, by title; null once its turn has come (or it waits for nothing). */
  waitingFor: string | null;
  resolution: ClockView | null;
}

export interface RequestDetail extends RequestSummary {
  /** Asked for by one of the requesting department's recurring requests, for this date (docs/sync.md §Recurring requests). */
  recurring?: { schedule: string; name: string; date: string };
  /** A chain launched from a template (docs/sync.md §Chains): its steps, in the template's order. */
  chain?: { template: string; name: string; anchor: string; steps: ChainStepView[] };
  typeId: string | null;
  /** The catalog form's answers, by field id. */
  form: Record<string, string>;
  /** "Why is it due then": each event that moved the resolution clock. */
  timeline: SlaTimelineEntry[];
  details: string;
  /** The conversation between the two departments. */
  comments: Comment[];
  /** Internal notes of the viewer's department: never part of the conversation. */
  notes: Comment[];
  watchers: string[];
  links: RequestLink[];
  attachments: Attachment[];
  /** People of the providing department (who it can be assigned to), by name. */
  members: string[];
  /** Done, and the requesting department may reopen it until then (the provider's service page sets how long). */
  reopenUntil?: string;
  history: HistoryEntry[];
}

/**
 * The row of a request whose data cannot be shown (an entry a faulty snapshot brought, say): it
 * says so and why, sorts first among open work, and never takes the rest of the list down.
 */
export function unreadableSummary(id: string, reason: string): RequestSummary {
  const epoch = new Date(0).toISOString();
  return {
    id,
    key: requestKey(id),
    type: '',
    title: 'This request could not be read',
    priority: 'P4',
    status: 'new',
    assignee: null,
    assignedBy: null,
    fromDepartment: '',
    toDepartment: '',
    requester: '',
    createdAt: epoch,
    updatedAt: epoch,
    neededBy: epoch,
    olaDueAt: null,
    dueAt: epoch,
    shortNotice: false,
    sla: null,
    commentCount: 0,
    lastReplyAt: null,
    unreadable: reason,
  };
}

/** A short, human key for a request id: stable on every replica, no central counter needed. */
export function requestKey(id: string): string {
  return id.replace(/-/g, '').slice(0, 6).toUpperCase();
}
