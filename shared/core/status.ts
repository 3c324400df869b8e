/** A request's life: new → acknowledged → in progress ⇄ waiting on requester → done | declined, or cancelled. */
export const STATUSES = ['new', 'acknowledged', 'in_progress', 'waiting_on_requester', 'done', 'declined', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  waiting_on_requester: 'Waiting on requester',
  done: 'Done',
  declined: 'Declined',
  cancelled: 'Cancelled',
};

/** Which side of a request an actor is on: the department that asked, or the one that serves. */
export type Side = 'requester' | 'provider';

const OPEN: readonly Status[] = ['new', 'acknowledged', 'in_progress', 'waiting_on_requester'];

const PROVIDER_MOVES: Readonly<Record<Status, readonly Status[]>> = {
  new: ['acknowledged', 'declined'],
  acknowledged: ['in_progress', 'waiting_on_requester', 'done', 'declined'],
  in_progress: ['waiting_on_requester', 'done', 'declined'],
  waiting_on_requester: ['in_progress', 'done', 'declined'],
  done: [],
  declined: [],
  cancelled: [],
};

export function isOpen(status: Status): boolean {
  return OPEN.includes(status);
}

/** The statuses `side` may move a request to from `from`, in the order a menu shows them. */
export function allowedTransitions(from: Status, side: Side): Status[] {
  if (side === 'provider') return [...PROVIDER_MOVES[from]];
  return isOpen(from) ? ['cancelled'] : [];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(from: Status, to: Status, side: Side): TransitionCheck {
  if (allowedTransitions(from, side).includes(to)) return { ok: true };
  if (!isOpen(from)) return { ok: false, reason: `The request is already ${from.replace(/_/g, ' ')}; it cannot change any more.` };
  if (to === 'cancelled') return { ok: false, reason: 'Only the requesting department can cancel a request.' };
  if (side === 'requester') return { ok: false, reason: 'Only the providing department can move a request through its work.' };
  return { ok: false, reason: `A request cannot go from ${from.replace(/_/g, ' ')} to ${to.replace(/_/g, ' ')}.` };
}
