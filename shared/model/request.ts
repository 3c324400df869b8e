export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'waiting_on_requester',
  'done',
  'declined',
  'cancelled',
] as const;
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

export const PRIORITY_LABELS: Record<Priority, string> = {
  P1: 'P1 · Critical',
  P2: 'P2 · High',
  P3: 'P3 · Normal',
  P4: 'P4 · Low',
};

export interface Actor {
  user: string;
  department: string;
}

export interface Comment {
  id: string;
  at: string;
  actor: Actor;
  body: string;
}

export type HistoryEntry =
  | { id: string; at: string; actor: Actor; kind: 'created' }
  | { id: string; at: string; actor: Actor; kind: 'status'; from: Status | null; to: Status; note?: string }
  | { id: string; at: string; actor: Actor; kind: 'comment' };

/** What a queue row needs; dates are ISO-8601 strings because this crosses the wire. */
export interface RequestSummary {
  id: string;
  key: string;
  type: string;
  title: string;
  priority: Priority;
  status: Status;
  fromDepartment: string;
  toDepartment: string;
  requester: string;
  createdAt: string;
  updatedAt: string;
  neededBy: string;
  /** The date the queue sorts by; the needed-by date until service levels exist. */
  dueAt: string;
  commentCount: number;
}

export interface RequestDetail extends RequestSummary {
  details: string;
  comments: Comment[];
  history: HistoryEntry[];
}

/** A short, human key for a request id: stable on every replica, no central counter needed. */
export function requestKey(id: string): string {
  return id.replace(/-/g, '').slice(0, 6).toUpperCase();
}
