import type { RequestSummary } from './request.js';
import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';
import { isOpen } from '../core/status.js';

/** How a queue is narrowed and ordered (saved views store the same shape, see the contract). */
export interface QueueFilterValues {
  status: 'any' | Status;
  priority: 'any' | Priority;
  due: 'any' | 'overdue' | 'today' | 'week';
  shortNotice: boolean;
  sort: 'due' | 'priority' | 'age' | 'updated';
  fromDepartment: string;
  toDepartment: string;
  /** '' anyone, UNASSIGNED nobody, else a name. */
  assignee: string;
  group: 'none' | 'status' | 'assignee';
}

export const UNASSIGNED = '-';

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/** ISO instants and ids order by their characters: no locale rules (localeCompare is ~10× slower on 100,000 rows). */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Open first, soonest due first; closed ones after, most recently changed first. */
export function queueOrder(a: RequestSummary, b: RequestSummary): number {
  const ao = isOpen(a.status);
  const bo = isOpen(b.status);
  if (ao !== bo) return ao ? -1 : 1;
  // Equal due times are common (requests made outside hours all fall due at the same opening): oldest first.
  if (ao) return ordinal(a.dueAt, b.dueAt) || ordinal(a.createdAt, b.createdAt) || ordinal(a.id, b.id);
  return ordinal(b.updatedAt, a.updatedAt) || ordinal(a.id, b.id);
}

/**
 * A list after a change that named some requests: their old rows replaced by `rows`, what the
 * view holds of them now (a request that left the view has none), in queue order.
 */
export function patchRows(items: readonly RequestSummary[], named: readonly string[], rows: readonly RequestSummary[]): RequestSummary[] {
  const changed = new Set(named);
  return [...items.filter((row) => !changed.has(row.id)), ...rows].sort(queueOrder);
}

/** null: keep the list's own order (main sends it in `queueOrder`). */
const ORDER: Record<QueueFilterValues['sort'], ((a: RequestSummary, b: RequestSummary) => number) | null> = {
  due: null,
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || ordinal(a.dueAt, b.dueAt),
  age: (a, b) => ordinal(a.createdAt, b.createdAt),
  updated: (a, b) => ordinal(b.updatedAt, a.updatedAt),
};

/** The end of the due window, local time: now, the end of today, or the end of Sunday. */
function dueLimit(due: QueueFilterValues['due'], now: Date): number {
  if (due === 'any') return Infinity;
  if (due === 'overdue') return now.getTime();
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  if (due === 'week') end.setDate(end.getDate() + ((7 - end.getDay()) % 7) + 1);
  return end.getTime();
}

/**
 * The rows that pass the filters and hold every search word (in the row's own text, or — `found`
 * — in the request's details and comments as main's word index says), in the chosen order.
 * The renderer narrows the lists main sent with it; main narrows the All departments overview
 * with it before sending only the first rows. Narrowing twice gives the same rows.
 */
export function narrowQueue(
  items: readonly RequestSummary[],
  query: string,
  f: QueueFilterValues,
  now: Date,
  found: ReadonlySet<string> | null,
): RequestSummary[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const limit = dueLimit(f.due, now);
  const result = items.filter((r) => {
    if (f.status !== 'any' && r.status !== f.status) return false;
    if (f.priority !== 'any' && r.priority !== f.priority) return false;
    if (f.shortNotice && !r.shortNotice) return false;
    if (f.fromDepartment && r.fromDepartment !== f.fromDepartment) return false;
    if (f.toDepartment && r.toDepartment !== f.toDepartment) return false;
    if (f.assignee && (f.assignee === UNASSIGNED ? r.assignee !== null : r.assignee !== f.assignee)) return false;
    if (f.due !== 'any' && !(isOpen(r.status) && Date.parse(r.dueAt) < limit)) return false;
    if (!words.length || found?.has(r.id)) return true;
    const text = `${r.title} ${r.key} ${r.type} ${r.requester} ${r.assignee ?? ''} ${r.fromDepartment} ${r.toDepartment}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const order = ORDER[f.sort];
  return order ? result.sort(order) : result;
}
