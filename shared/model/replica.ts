import { ConfigState } from '../config/configState.js';
import type { ComputedSla, RequestSla } from '../sla/requestSla.js';
import { hlcToIso, parseHlc } from './hlc.js';
import type { AddCommentOp, CreateRequestOp, Operation, RequestOperation } from './operations.js';
import { isConfigOperation } from './operations.js';
import type { HistoryEntry, Priority, RequestDetail, RequestSummary, Status } from './request.js';
import { requestKey } from './request.js';

export interface Register<T> {
  value: T;
  hlc: string;
  opId: string;
}

/** What the fold keeps per request. Everything a view shows is derived from it. */
export interface RequestRecord {
  id: string;
  create: CreateRequestOp | null;
  status: Register<Status> | null;
  priority: Register<Priority> | null;
  assignee: Register<Assignment> | null;
  comments: AddCommentOp[];
  /** Every operation on this request, in HLC order: the request's history. */
  ops: RequestOperation[];
}

function byHlc(a: Operation, b: Operation): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function insertSorted<T extends Operation>(list: T[], op: T): void {
  // Operations mostly arrive in clock order: appending is the common case.
  if (list.length === 0 || byHlc(list[list.length - 1]!, op) < 0) {
    list.push(op);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byHlc(list[mid]!, op) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, op);
}

/**
 * The last-writer-wins part of the fold, shared by Replica and QueueIndex so that a queue row
 * and a detail view can never disagree: the earliest creation counts, the latest status wins.
 * `keep` lets a caller store less of the creation than the whole operation.
 */
/** Who works on a request, and who said so (being told about one's own choice is noise). */
export interface Assignment {
  to: string | null;
  by: string;
}

export function foldRegisters(
  rec: { create: CreateRequestOp | null; status: Register<Status> | null; priority: Register<Priority> | null; assignee: Register<Assignment> | null },
  op: RequestOperation,
  keep: (op: CreateRequestOp) => CreateRequestOp = (o) => o,
): void {
  if (op.type === 'request.create') {
    if (!rec.create || byHlc(op, rec.create) < 0) rec.create = keep(op);
    rec.status = newer(rec.status, { value: 'new', hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.status') {
    rec.status = newer(rec.status, { value: op.fields.status, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.priority') {
    rec.priority = newer(rec.priority, { value: op.fields.priority, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.assign') {
    rec.assignee = newer(rec.assignee, { value: { to: op.fields.assignee, by: op.actor.user }, hlc: op.hlc, opId: op.id });
  }
}

function newer<T>(current: Register<T> | null, candidate: Register<T>): Register<T> {
  if (!current) return candidate;
  if (candidate.hlc > current.hlc || (candidate.hlc === current.hlc && candidate.opId > current.opId)) return candidate;
  return current;
}

/**
 * The deterministic fold of DESIGN.md §3: any set of operations, applied in any order and any
 * number of times, gives the same state. Fields are last-writer-wins by HLC; comments add-only.
 */
export class Replica {
  private readonly records = new Map<string, RequestRecord>();
  private readonly seen = new Set<string>();
  readonly config = new ConfigState();

  /** Applies one operation; answers false when it was already applied. */
  apply(op: Operation): boolean {
    if (this.seen.has(op.id)) return false;
    this.seen.add(op.id);
    if (isConfigOperation(op)) {
      this.config.apply(op);
      return true;
    }
    let rec = this.records.get(op.target);
    if (!rec) {
      rec = { id: op.target, create: null, status: null, priority: null, assignee: null, comments: [], ops: [] };
      this.records.set(op.target, rec);
    }
    insertSorted(rec.ops, op);
    foldRegisters(rec, op);
    if (op.type === 'request.comment') insertSorted(rec.comments, op);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** A request that exists (its creation has arrived), or undefined. */
  get(id: string): RequestRecord | undefined {
    const rec = this.records.get(id);
    return rec?.create ? rec : undefined;
  }

  *requests(): IterableIterator<RequestRecord> {
    for (const rec of this.records.values()) if (rec.create) yield rec;
  }
}

/** What a queue row is derived from; the full fold and the queue index both provide it. */
export interface SummaryParts {
  id: string;
  create: CreateRequestOp | null;
  status: { value: Status } | null;
  priority: { value: Priority } | null;
  assignee: { value: Assignment } | null;
  lastHlc: string;
  commentCount: number;
  /** Wall ms of the provider's latest comment. */
  lastReply?: number;
}

export function toSummary(rec: RequestRecord, sla: RequestSla | null = null): RequestSummary {
  const provider = rec.create!.fields.toDepartment;
  const replies = rec.comments.filter((c) => c.actor.department === provider);
  const parts: SummaryParts = { id: rec.id, create: rec.create, status: rec.status, priority: rec.priority, assignee: rec.assignee, lastHlc: rec.ops[rec.ops.length - 1]!.hlc, commentCount: rec.comments.length };
  if (replies.length) parts.lastReply = Math.max(...replies.map((c) => parseHlc(c.hlc).wall));
  return summarize(parts, sla);
}

/**
 * A queue row. `sla` is the request's clocks at some moment; without it (the digest, which must
 * not depend on the time) the row is due on its needed-by date.
 */
export function summarize(rec: SummaryParts, sla: RequestSla | null = null): RequestSummary {
  const c = rec.create!;
  const olaDueAt = sla?.resolution.dueAt ?? null;
  return {
    id: rec.id,
    key: requestKey(rec.id),
    type: c.fields.type,
    title: c.fields.title,
    priority: rec.priority?.value ?? c.fields.priority,
    status: rec.status!.value,
    assignee: rec.assignee?.value.to ?? null,
    assignedBy: rec.assignee?.value.to ? rec.assignee.value.by : null,
    fromDepartment: c.fields.fromDepartment,
    toDepartment: c.fields.toDepartment,
    requester: c.actor.user,
    createdAt: hlcToIso(c.hlc),
    updatedAt: hlcToIso(rec.lastHlc),
    neededBy: c.fields.neededBy,
    olaDueAt,
    dueAt: olaDueAt && olaDueAt < c.fields.neededBy ? olaDueAt : c.fields.neededBy,
    shortNotice: c.fields.shortNotice === true,
    sla,
    commentCount: rec.commentCount,
    lastReplyAt: rec.lastReply ? new Date(rec.lastReply).toISOString() : null,
  };
}

function historyOf(rec: RequestRecord): HistoryEntry[] {
  let status: Status | null = null;
  let priority: Priority | null = null;
  const out: HistoryEntry[] = [];
  for (const op of rec.ops) {
    const base = { id: op.id, at: hlcToIso(op.hlc), actor: op.actor };
    if (op.type === 'request.create') {
      status = 'new';
      priority = op.fields.priority;
      out.push({ ...base, kind: 'created' });
    } else if (op.type === 'request.status') {
      const entry: HistoryEntry = { ...base, kind: 'status', from: status, to: op.fields.status };
      if (op.fields.note) entry.note = op.fields.note;
      if (op.fields.resumeAt) entry.resumeAt = op.fields.resumeAt;
      out.push(entry);
      status = op.fields.status;
    } else if (op.type === 'request.assign') {
      out.push({ ...base, kind: 'assigned', to: op.fields.assignee });
    } else if (op.type === 'request.priority') {
      out.push({ ...base, kind: 'priority', from: priority, to: op.fields.priority });
      priority = op.fields.priority;
    } else {
      out.push({ ...base, kind: 'comment' });
    }
  }
  return out;
}

export function toDetail(rec: RequestRecord, computed: ComputedSla | null = null): RequestDetail {
  const c = rec.create!.fields;
  return {
    ...toSummary(rec, computed?.sla ?? null),
    typeId: c.typeId ?? null,
    form: c.form ?? {},
    timeline: computed?.timeline ?? [],
    details: c.details,
    comments: rec.comments.map((op) => ({ id: op.id, at: hlcToIso(op.hlc), actor: op.actor, body: op.fields.body })),
    history: historyOf(rec),
  };
}
