// Over 300 lines on purpose: the full fold (Replica) and the views derived from it (a queue row,
// a request's page and history) stay together, so the two can never disagree with the queue
// index that shares `foldRegisters` and the rules.
import type { ChainFields } from '../ops/chainFields.js';
import { visibleText } from '../core/text.js';
import { isKnownOperation } from '../ops/operationSchema.js';
import { ConfigState } from './configState.js';
import type { ComputedSla, RequestSla } from './requestSla.js';
import { hlcToIso, parseHlc } from '../ops/hlc.js';
import type {
  AddCommentOp,
  AttachOp,
  ConfigOperation,
  CreateRequestOp,
  Operation,
  RequestOperation,
  SealedAttachOp,
  SealedContentOp,
  SealedNoteOp,
} from '../ops/operations.js';
import type { LinkKind } from '../core/links.js';
import { isConfigOperation, isRosterOperation } from '../ops/operations.js';
import type { Attachment, Comment, HistoryEntry, RequestDetail, RequestSummary } from './request.js';
import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';
import { requestKey } from './request.js';
import type { Refusal } from './requestRules.js';
import { creationRefusal, notMember, refusalOf, requestRefusal, sealedByItsSender, transferRefusal } from './requestRules.js';
import type { Authority } from './roster.js';
import { Roster } from './roster.js';
import type { DateRegisters } from './agreedDates.js';
import { agreementOf, foldDate } from './agreedDates.js';
import type { TransferRegisters } from './transfers.js';
import { foldTransfer, handOverView, lastHandOver, providerAt } from './transfers.js';

export interface Register<T> {
  value: T;
  hlc: string;
  opId: string;
}

/** The last-writer-wins fields of a request, as both the full fold and the queue index keep them. */
export interface Registers {
  create: CreateRequestOp | null;
  status: Register<Status> | null;
  priority: Register<Priority> | null;
  assignee: Register<Assignment> | null;
  /** Per person: whether they watch it. Absent until someone has. */
  watchers?: Record<string, Register<boolean>>;
  /** Per "kind:other request": whether the link holds. Absent until a link is made. */
  links?: Record<string, Register<boolean>>;
  /** The latest escalation by the requesting department (its reason), and how many there were. Absent until one. */
  escalated?: Register<string>;
  escalations?: number;
  /** Needed-by dates proposed and accepted (agreedDates.ts). Absent until one is proposed. */
  dates?: DateRegisters;
  /** The requesting department's answer to "would you choose them again?" (the latest). Absent until one. */
  rating?: Register<{ again: boolean; comment: string }>;
  /** Hand-overs to other departments (transfers.ts). Absent until one. */
  transfers?: NonNullable<TransferRegisters['transfers']>;
  /** The latest reopening by the requester (its reason). Absent until one. */
  reopened?: Register<string>;
  /** The requester's corrections, per field (`title`, `details`, `form.<id>`). Absent until one. */
  edits?: Record<string, Register<string>>;
  /** The chain launched with this request as its parent (chains.ts). Absent on every other request. */
  chain?: Register<ChainFields>;
}

/** What the fold keeps per request. Everything a view shows is derived from it. */
export interface RequestRecord extends Registers {
  id: string;
  /** Replies and internal notes, in clock order. */
  comments: AddCommentOp[];
  attachments: (AttachOp | SealedAttachOp)[];
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

export function foldRegisters(rec: Registers, op: RequestOperation, keep: (op: CreateRequestOp) => CreateRequestOp = (o) => o): void {
  if (op.type === 'request.create') {
    if (!rec.create || byHlc(op, rec.create) < 0) rec.create = keep(op);
    rec.status = newer(rec.status, { value: 'new', hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.status') {
    rec.status = newer(rec.status, { value: op.fields.status, hlc: op.hlc, opId: op.id });
    if (op.fields.reopened) rec.reopened = newer(rec.reopened ?? null, { value: op.fields.note ?? '', hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.priority') {
    rec.priority = newer(rec.priority, { value: op.fields.priority, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.assign') {
    rec.assignee = newer(rec.assignee, { value: { to: op.fields.assignee, by: op.actor.user }, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.watch') {
    const watchers = (rec.watchers ??= {});
    const who = op.actor.user;
    watchers[who] = newer(Object.hasOwn(watchers, who) ? watchers[who]! : null, { value: op.fields.watching, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.escalate') {
    rec.escalations = (rec.escalations ?? 0) + 1;
    rec.escalated = newer(rec.escalated ?? null, { value: op.fields.reason, hlc: op.hlc, opId: op.id })!;
  } else if (op.type === 'request.rate') {
    rec.rating = newer(rec.rating ?? null, { value: { again: op.fields.again, comment: op.fields.comment ?? '' }, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.chain') {
    const { template, name, anchor, steps } = op.fields;
    rec.chain = newer(rec.chain ?? null, { value: { template, name, anchor, steps }, hlc: op.hlc, opId: op.id })!;
  } else if (op.type === 'request.transfer') {
    // Handed over, it arrives as new in the receiving department's queue.
    foldTransfer(rec, op);
    rec.status = newer(rec.status, { value: 'new', hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.edit') {
    const edits = (rec.edits ??= {});
    const field = op.fields.field;
    edits[field] = newer(Object.hasOwn(edits, field) ? edits[field]! : null, { value: op.fields.value, hlc: op.hlc, opId: op.id });
  } else if (op.type === 'request.proposeDate' || op.type === 'request.acceptDate') {
    foldDate(rec, op);
  } else if (op.type === 'request.link') {
    const links = (rec.links ??= {});
    const key = `${op.fields.kind}:${op.fields.other}`;
    links[key] = newer(Object.hasOwn(links, key) ? links[key]! : null, { value: op.fields.linked, hlc: op.hlc, opId: op.id });
  }
}

/** Who watches the request now, by name. */
export function watchersOf(rec: Pick<Registers, 'watchers'>): string[] {
  return Object.entries(rec.watchers ?? {})
    .filter(([, r]) => r.value)
    .map(([user]) => user)
    .sort();
}

/** The links that hold now, as this request states them. */
export function linksOf(rec: Pick<Registers, 'links'>): { kind: LinkKind; other: string }[] {
  return Object.entries(rec.links ?? {})
    .filter(([, r]) => r.value)
    .map(([key]) => {
      const at = key.indexOf(':');
      return { kind: key.slice(0, at) as LinkKind, other: key.slice(at + 1) };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.other.localeCompare(b.other));
}

/** Internal notes are for the writer's department; everything else is the conversation. */
export const isReply = (op: AddCommentOp): boolean => op.fields.internal !== true;

function newer<T>(current: Register<T> | null, candidate: Register<T>): Register<T> {
  if (!current) return candidate;
  if (candidate.hlc > current.hlc || (candidate.hlc === current.hlc && candidate.opId > current.opId)) return candidate;
  return current;
}

/** A record and every operation that names it, folded or not: the rules judge them once the creation is known. */
interface HeldRecord extends RequestRecord {
  /** Every operation on this request, in HLC order, the ones the rules pass over included. */
  all: RequestOperation[];
  /** Operations arrived since the record was last folded from `all`. */
  dirty: boolean;
  refused: Refusal[];
}

/**
 * The deterministic fold of DESIGN.md §3: any set of operations, applied in any order and any
 * number of times, gives the same state. Fields are last-writer-wins by HLC; comments add-only.
 * A record is folded from its operations when it is read, so the rules (requestRules.ts), which
 * depend on its creation, judge every operation the same whatever came first.
 */
export class Replica {
  private readonly records = new Map<string, HeldRecord>();
  private readonly seen = new Set<string>();
  /** Configuration operations held, folded into `config` when it is read after a change (a roster change judges them again). */
  private readonly configOps: ConfigOperation[] = [];
  private folded: ConfigState | null = null;
  /** The roster, folded from roster operations: who may act for which department when. */
  readonly roster: Roster;

  constructor(
    roster: Roster = new Roster(
      () => null,
      () => undefined,
    ),
  ) {
    this.roster = roster;
  }

  get config(): ConfigState {
    if (!this.folded) {
      this.folded = new ConfigState();
      this.folded.authority = this.roster;
      for (const op of this.configOps) this.folded.apply(op);
    }
    return this.folded;
  }

  /** Applies one operation; answers false when it was already applied. */
  apply(op: Operation): boolean {
    // A newer build's operation type: kept in the log, never folded here (docs/sync.md §Mixed versions).
    if (!isKnownOperation(op) || this.seen.has(op.id)) return false;
    this.seen.add(op.id);
    if (isConfigOperation(op)) {
      this.configOps.push(op);
      this.folded = null;
      return true;
    }
    if (isRosterOperation(op)) {
      // Who may do what changed: every record and the configuration are judged again when read.
      if (this.roster.add(op)) {
        for (const rec of this.records.values()) rec.dirty = true;
        this.folded = null;
      }
      return true;
    }
    let rec = this.records.get(op.target);
    if (!rec) {
      rec = {
        id: op.target,
        create: null,
        status: null,
        priority: null,
        assignee: null,
        comments: [],
        attachments: [],
        ops: [],
        all: [],
        dirty: true,
        refused: [],
      };
      this.records.set(op.target, rec);
    }
    insertSorted(rec.all, op);
    rec.dirty = true;
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** A request that exists (a creation the rules accept has arrived), or undefined. */
  get(id: string): RequestRecord | undefined {
    const rec = this.records.get(id);
    return rec && settled(rec, this.roster).create ? rec : undefined;
  }

  *requests(): IterableIterator<RequestRecord> {
    for (const rec of this.records.values()) if (settled(rec, this.roster).create) yield rec;
  }

  /** The operations the rules passed over, for admins; in HLC order per request. */
  refused(): Refusal[] {
    return [...this.records.values()].flatMap((rec) => settled(rec, this.roster).refused);
  }
}

/** The record folded from all its operations: its creation first (the earliest accepted wins), then every change the rules allow. */
function settled(rec: HeldRecord, authority: Authority): HeldRecord {
  if (!rec.dirty) return rec;
  Object.assign(rec, { create: null, status: null, priority: null, assignee: null, comments: [], attachments: [], ops: [], refused: [], dirty: false });
  delete rec.watchers;
  delete rec.links;
  delete rec.escalated;
  delete rec.escalations;
  delete rec.dates;
  delete rec.edits;
  delete rec.reopened;
  delete rec.transfers;
  delete rec.rating;
  delete rec.chain;
  // Every accepted operation is held with its author as the roster names its key: a typed name proves nothing.
  for (const op of rec.all) {
    if (op.type !== 'request.create') continue;
    const why = creationRefusal(op);
    if (why) rec.refused.push(refusalOf(authority.proven(op), why));
    else foldRegisters(rec, authority.proven(op));
  }
  const create = rec.create as CreateRequestOp | null;
  if (!create) return rec;
  for (const held of rec.all) {
    if (held.type === 'request.create') {
      if (!creationRefusal(held)) rec.ops.push(authority.proven(held));
      continue;
    }
    // Rules are judged against the department that provided at the change's clock: a hand-over moves it.
    const provider = providerAt(create, rec.transfers, held.hlc);
    const why =
      held.type !== 'request.watch' && !authority.actsFor(held) && !sealedByItsSender(held, create)
        ? notMember(held)
        : (requestRefusal(held, create, provider) ?? (held.type === 'request.transfer' ? transferRefusal(held, create, provider) : null));
    if (why) {
      rec.refused.push(refusalOf(authority.proven(held), why));
      continue;
    }
    const op = authority.proven(held);
    rec.ops.push(op);
    foldRegisters(rec, op);
    if (op.type === 'request.comment') rec.comments.push(op);
    if (op.type === 'request.attach' || op.type === 'request.sealedAttach') rec.attachments.push(op);
  }
  return rec;
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
  escalated?: Register<string>;
  escalations?: number;
  dates?: DateRegisters;
  edits?: Record<string, Register<string>>;
  reopened?: Register<string>;
  transfers?: NonNullable<TransferRegisters['transfers']>;
  rating?: Register<{ again: boolean; comment: string }>;
}

export function toSummary(rec: RequestRecord, sla: RequestSla | null = null): RequestSummary {
  const conversation = rec.comments.filter(isReply);
  const replies = conversation.filter((c) => c.actor.department === providerAt(rec.create!, rec.transfers, c.hlc));
  const parts: SummaryParts = {
    id: rec.id,
    create: rec.create,
    status: rec.status,
    priority: rec.priority,
    assignee: rec.assignee,
    lastHlc: rec.ops[rec.ops.length - 1]!.hlc,
    commentCount: conversation.length,
    ...(rec.escalated ? { escalated: rec.escalated, escalations: rec.escalations ?? 1 } : {}),
    ...(rec.dates ? { dates: rec.dates } : {}),
    ...(rec.edits ? { edits: rec.edits } : {}),
    ...(rec.reopened ? { reopened: rec.reopened } : {}),
    ...(rec.transfers ? { transfers: rec.transfers } : {}),
    ...(rec.rating ? { rating: rec.rating } : {}),
  };
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
  const handedOver = lastHandOver(c, rec.transfers);
  // A hand-over starts the receiving department afresh: dates agreed with the one before no longer hold.
  const { agreed, pending } = agreementOf(c, rec.dates, handedOver?.hlc);
  const neededBy = agreed?.neededBy ?? c.fields.neededBy;
  return {
    id: rec.id,
    key: requestKey(rec.id),
    type: handedOver?.type ?? c.fields.type,
    // Names from the share are shown as they are: a hidden control or direction character as its code.
    title: visibleText(rec.edits?.title?.value ?? c.fields.title),
    priority: rec.priority?.value ?? c.fields.priority,
    status: rec.status!.value,
    assignee: rec.assignee?.value.to ? visibleText(rec.assignee.value.to) : null,
    assignedBy: rec.assignee?.value.to ? visibleText(rec.assignee.value.by) : null,
    fromDepartment: c.fields.fromDepartment,
    toDepartment: handedOver?.to ?? c.fields.toDepartment,
    requester: visibleText(c.actor.user),
    createdAt: hlcToIso(c.hlc),
    updatedAt: hlcToIso(rec.lastHlc),
    neededBy,
    olaDueAt,
    dueAt: olaDueAt && olaDueAt < neededBy ? olaDueAt : neededBy,
    shortNotice: c.fields.shortNotice === true,
    sla,
    commentCount: rec.commentCount,
    lastReplyAt: rec.lastReply ? new Date(rec.lastReply).toISOString() : null,
    ...(rec.escalated ? { escalated: { at: hlcToIso(rec.escalated.hlc), reason: visibleText(rec.escalated.value), count: rec.escalations ?? 1 } } : {}),
    ...(agreed ? { agreed: { ...agreed, askedFor: c.fields.neededBy } } : {}),
    ...(pending ? { proposal: { ...pending, reason: visibleText(pending.reason) } } : {}),
    ...(rec.reopened ? { reopened: { at: hlcToIso(rec.reopened.hlc), reason: visibleText(rec.reopened.value) } } : {}),
    ...(handedOver ? { handedOver: handOverView(handedOver) } : {}),
    ...(rec.rating ? { rating: { again: rec.rating.value.again, comment: visibleText(rec.rating.value.comment), at: hlcToIso(rec.rating.hlc) } } : {}),
  };
}

function historyOf(rec: RequestRecord, visible: (op: Operation) => boolean): HistoryEntry[] {
  let status: Status | null = null;
  let priority: Priority | null = null;
  let sealedSeen = false;
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
      if (op.fields.reopened) entry.reopened = true;
      out.push(entry);
      status = op.fields.status;
    } else if (op.type === 'request.assign') {
      out.push({ ...base, kind: 'assigned', to: op.fields.assignee });
    } else if (op.type === 'request.priority') {
      out.push({ ...base, kind: 'priority', from: priority, to: op.fields.priority });
      priority = op.fields.priority;
    } else if (op.type === 'request.comment') {
      if (op.fields.internal !== true || visible(op)) out.push({ ...base, kind: op.fields.internal ? 'note' : 'comment' });
    } else if (op.type === 'request.sealedNote') {
      if (visible(op)) out.push({ ...base, kind: 'note' });
    } else if (op.type === 'request.watch') {
      out.push({ ...base, kind: 'watch', watching: op.fields.watching });
    } else if (op.type === 'request.link') {
      out.push({ ...base, kind: 'link', link: op.fields.kind, other: op.fields.other, linked: op.fields.linked });
    } else if (op.type === 'request.rate') {
      out.push({ ...base, kind: 'rated', again: op.fields.again, comment: visibleText(op.fields.comment ?? '') });
    } else if (op.type === 'request.transfer') {
      out.push({ ...base, kind: 'transferred', to: op.fields.toDepartment, type: op.fields.type, ...(op.fields.note ? { note: op.fields.note } : {}) });
    } else if (op.type === 'request.edit') {
      out.push({ ...base, kind: 'edited', field: op.fields.field, value: visibleText(op.fields.value) });
    } else if (op.type === 'request.sealedContent') {
      // The sealed text a confidential request was sent with: its creation's entry stands for it; a later one corrects it.
      if (sealedSeen) out.push({ ...base, kind: 'edited', field: 'sealed', value: null });
      sealedSeen = true;
    } else if (op.type === 'request.sealedAttach') {
      out.push({ ...base, kind: 'attachment', name: SEALED_FILE });
    } else if (op.type === 'request.escalate') {
      out.push({ ...base, kind: 'escalated', reason: op.fields.reason });
    } else if (op.type === 'request.proposeDate') {
      out.push({ ...base, kind: 'dateProposed', neededBy: op.fields.neededBy, reason: op.fields.reason });
    } else if (op.type === 'request.acceptDate') {
      const asked = op.fields.proposal === rec.create!.id;
      const proposed = rec.dates?.proposals;
      const neededBy = asked
        ? rec.create!.fields.neededBy
        : proposed && Object.hasOwn(proposed, op.fields.proposal)
          ? proposed[op.fields.proposal]!.neededBy
          : null;
      out.push({ ...base, kind: 'dateAccepted', neededBy, asked });
    } else {
      out.push({ ...base, kind: 'attachment', name: visibleText(op.fields.name) });
    }
  }
  return out;
}

const toComment = (op: AddCommentOp): Comment => ({ id: op.id, at: hlcToIso(op.hlc), actor: op.actor, body: op.fields.body });

/** A note as the fold holds it: in clear (a share before keys) or sealed, for the services to open with the department's key. */
function toNote(op: AddCommentOp | SealedNoteOp): Comment {
  if (op.type === 'request.comment') return toComment(op);
  return { id: op.id, at: hlcToIso(op.hlc), actor: op.actor, body: '', sealed: { key: op.fields.key, box: op.fields.box } };
}

const isNote = (op: RequestOperation): op is AddCommentOp | SealedNoteOp =>
  op.type === 'request.sealedNote' || (op.type === 'request.comment' && op.fields.internal === true);

/** What a sealed file is called where it cannot be opened. */
export const SEALED_FILE = 'a sealed file';

/** A file as the fold holds it: in clear, or sealed for the services to open with a department's key. */
function toAttachment(op: AttachOp | SealedAttachOp): Attachment {
  const base = { id: op.id, at: hlcToIso(op.hlc), actor: op.actor, size: op.fields.size, sha256: op.fields.sha256 };
  if (op.type === 'request.sealedAttach')
    return { ...base, name: SEALED_FILE, mime: 'application/octet-stream', sealed: { seals: op.fields.seals, box: op.fields.box } };
  return { ...base, name: visibleText(op.fields.name), mime: op.fields.mime };
}

/** The details and form answers as the requester last corrected them (an emptied answer is gone). */
export function corrected(c: CreateRequestOp['fields'], edits: Registers['edits']): { details: string; form: Record<string, string> } {
  const form: Record<string, string> = { ...c.form };
  let details = c.details;
  for (const [field, r] of Object.entries(edits ?? {})) {
    if (field === 'details') details = r.value;
    else if (field.startsWith('form.')) {
      if (r.value) form[field.slice(5)] = r.value;
      else delete form[field.slice(5)];
    }
  }
  return { details, form };
}

/** A confidential request's sealed text: the latest the rules let count, or undefined. */
export function sealedContentOf(rec: RequestRecord): SealedContentOp | undefined {
  for (let i = rec.ops.length - 1; i >= 0; i--) {
    const op = rec.ops[i]!;
    if (op.type === 'request.sealedContent') return op;
  }
  return undefined;
}

/**
 * The whole request as `viewer` (a department) may see it: internal notes only for the
 * department that wrote them. Without a viewer (the digest), everything.
 */
export function toDetail(rec: RequestRecord, computed: ComputedSla | null = null, viewer?: string): RequestDetail {
  const c = rec.create!.fields;
  const visible = (op: Operation) => viewer === undefined || op.actor.department === viewer;
  const { details, form } = corrected(c, rec.edits);
  return {
    ...toSummary(rec, computed?.sla ?? null),
    typeId: lastHandOver(rec.create!, rec.transfers)?.typeId ?? c.typeId ?? null,
    form,
    timeline: computed?.timeline ?? [],
    details,
    comments: rec.comments.filter(isReply).map(toComment),
    notes: rec.ops.filter((op) => isNote(op) && visible(op)).map((op) => toNote(op as AddCommentOp | SealedNoteOp)),
    watchers: watchersOf(rec),
    links: linksOf(rec).map((l) => ({ ...l, key: requestKey(l.other), title: null, status: null, direction: 'to' as const })),
    attachments: rec.attachments.map(toAttachment),
    members: [],
    history: historyOf(rec, visible),
  };
}
