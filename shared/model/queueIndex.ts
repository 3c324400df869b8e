import { isKnownOperation } from '../ops/operationSchema.js';
import type { SlaMarks } from './slaMarks.js';
import { recordMark, settleEarly } from './slaMarks.js';
import type { CreateRequestOp, RequestOperation } from '../ops/operations.js';
import type { Registers } from './replica.js';
import { foldRegisters, isReply } from './replica.js';
import type { Need, Refusal } from './requestRules.js';
import { creationRefusal, needOf, notMember, refusalOf, requestRefusal, sideRefusal, transferRefusal } from './requestRules.js';
import { lastHandOver, providerAt } from './transfers.js';
import type { Authority } from './roster.js';
import { NO_ROSTER } from './roster.js';

/**
 * What the queues need of every request, folded like the full Replica (same last-writer-wins
 * rules, so the same summaries) but without keeping the operations: those stay in the local
 * log, and `lines` says where, so a request's detail is read when it is opened. This is what
 * keeps 1,000,000 operations inside a desktop app's memory.
 *
 * Unlike Replica it does not de-duplicate: the store guarantees each operation comes once.
 */
export interface IndexEntry extends SlaMarks, Registers {
  id: string;
  lastHlc: string;
  commentCount: number;
  /** Local-log line numbers that hold operations on this request, ascending. */
  lines: number[];
  /**
   * Changes folded before the creation arrived, whose side the rules could not judge yet: what
   * each needs (NEEDS) and the department that made it. Judged when the creation comes.
   */
  claims?: { need: number[]; by: string[] };
}

/** The rules' needs a claim can hold, by code. */
export const NEEDS: readonly Need[] = ['provider', 'requester', 'party'];

/** Details can be long and only the detail view shows them; it reads them from the log. */
const withoutDetails = (op: CreateRequestOp): CreateRequestOp => ({ ...op, fields: { ...op.fields, details: '' } });

/** The changes the rules passed over that are kept for admins; the log keeps them all. */
const MAX_REFUSALS = 1_000;

const byHlcOrder = (a: CreateRequestOp, b: CreateRequestOp) => a.hlc < b.hlc || (a.hlc === b.hlc && a.id < b.id);

/** Whether a change held before its creation breaks the rules once `create` says who is who. */
function brokenClaim(claims: NonNullable<IndexEntry['claims']>, create: CreateRequestOp): boolean {
  const { fromDepartment, toDepartment } = create.fields;
  for (let i = 0; i < claims.need.length; i++) if (sideRefusal(NEEDS[claims.need[i]!]!, claims.by[i]!, fromDepartment, toDepartment)) return true;
  return false;
}

function emptyEntry(id: string): IndexEntry {
  return { id, create: null, status: null, priority: null, assignee: null, lastHlc: '', commentCount: 0, lines: [], marks: [], firstReply: null };
}

export class QueueIndex {
  private readonly entries = new Map<string, IndexEntry>();
  /** Everyone seen acting for each department: who a request can be assigned to. */
  private readonly people = new Map<string, Set<string>>();
  /** `members()` answers, sorted once per change: a detail view asks on every open. */
  private readonly sortedPeople = new Map<string, string[]>();
  /** Request id → requests that state a link to it (the reverse of their `links`). */
  private readonly linkedFrom = new Map<string, Set<string>>();
  /**
   * Requests whose entry must be folded again from their log lines (FoldedState does, after each
   * batch): a creation arrived after changes it makes unlawful, or an earlier creation named other
   * departments. Rare: only a forged or mistaken change does it.
   */
  readonly stale = new Set<string>();
  /** Who held which role when (the roster): a change counts only from a member of the department it acts for. */
  authority: Authority = NO_ROSTER;
  /** The latest changes the rules passed over, for admins (at most MAX_REFUSALS, by operation id). */
  readonly refusals = new Map<string, Refusal>();
  /** The last person noted: a device's run of operations is nearly always one person's, and hashing two names per operation cost a first sync 0.2 s. */
  private lastActor: { department: string; user: string } | null = null;

  apply(held: RequestOperation, line: number): void {
    if (!isKnownOperation(held)) return;
    // Its author as the roster names its key, whatever name was typed (docs/sync.md §Rules).
    const op = this.authority.proven(held);
    let e = this.entries.get(op.target);
    if (!e) {
      e = emptyEntry(op.target);
      this.entries.set(op.target, e);
    }
    if (e.lines[e.lines.length - 1] !== line) e.lines.push(line);
    const why = this.judge(e, op);
    if (why) {
      this.refuse(op, why);
      return;
    }
    if (op.hlc > e.lastHlc) e.lastHlc = op.hlc;
    foldEntry(e, op);
    const last = this.lastActor;
    if (last === null || last.user !== op.actor.user || last.department !== op.actor.department) {
      this.notePerson(op.actor.department, op.actor.user);
      this.lastActor = op.actor;
    }
    if (op.type === 'request.link') this.noteLink(op.target, op.fields.other);
  }

  /** Why the rules pass over `op`, or null; a change before its creation is folded and held as a claim until then. */
  private judge(e: IndexEntry, op: RequestOperation): string | null {
    const create = e.create;
    // Anyone may ask (a machine not admitted yet is shown as unverified); everything else needs a
    // member. A sealed text the index does not use: the full fold judges who wrote it (sealedByItsSender).
    if (op.type !== 'request.create' && op.type !== 'request.watch' && op.type !== 'request.sealedContent' && !this.authority.actsFor(op)) return notMember(op);
    if (op.type === 'request.create') {
      const why = creationRefusal(op);
      if (why) return why;
      // The earliest creation counts: one that arrives later and names other departments changes what was lawful.
      if (
        create &&
        byHlcOrder(op, create) &&
        (create.fields.toDepartment !== op.fields.toDepartment || create.fields.fromDepartment !== op.fields.fromDepartment)
      )
        this.stale.add(e.id);
      if (!create && e.claims && brokenClaim(e.claims, op)) this.stale.add(e.id);
      // Changes held before it were judged without knowing who provided when.
      if (!create && e.transfers) this.stale.add(e.id);
      if (!create) delete e.claims;
      return null;
    }
    if (op.type === 'request.transfer') {
      // A hand-over changes who may do what from its clock on, for changes already folded too: the
      // request is folded again, hand-overs first (rare: a hand-over is a deliberate act).
      this.stale.add(e.id);
      if (create) {
        const provider = providerAt(create, e.transfers, op.hlc);
        return requestRefusal(op, create, provider) ?? transferRefusal(op, create, provider);
      }
    }
    if (create) return requestRefusal(op, create, providerAt(create, e.transfers, op.hlc));
    const need = needOf(op);
    if (need !== 'anyone') {
      const claims = (e.claims ??= { need: [], by: [] });
      claims.need.push(NEEDS.indexOf(need));
      claims.by.push(op.actor.department);
    }
    return null;
  }

  private refuse(op: RequestOperation, why: string): void {
    if (this.refusals.size >= MAX_REFUSALS) this.refusals.delete(this.refusals.keys().next().value!);
    this.refusals.set(op.id, refusalOf(op, why));
  }

  /** Folds a request's entry again from all its operations (creations first, as the rules judge them); `stale` no longer names it. */
  refold(id: string, ops: readonly { op: RequestOperation; line: number }[]): void {
    this.stale.delete(id);
    this.entries.delete(id);
    for (const { op } of ops) this.refusals.delete(op.id);
    // Creations first, the earliest first, so every change is judged against the creation that counts;
    // then hand-overs in clock order, so every other change is judged against who provided at its clock.
    const rank = ({ op }: { op: RequestOperation }) => (op.type === 'request.create' ? op.hlc : op.type === 'request.transfer' ? `|${op.hlc}` : '~');
    const ordered = [...ops].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.line - b.line));
    for (const { op, line } of ordered) this.apply(op, line);
    const e = this.entries.get(id);
    if (e) e.lines = [...new Set(e.lines)].sort((x, y) => x - y);
    this.stale.delete(id);
  }

  private notePerson(department: string, user: string): void {
    let names = this.people.get(department);
    if (!names) this.people.set(department, (names = new Set()));
    if (names.has(user)) return;
    names.add(user);
    this.sortedPeople.delete(department);
  }

  private noteLink(from: string, to: string): void {
    let set = this.linkedFrom.get(to);
    if (!set) this.linkedFrom.set(to, (set = new Set()));
    set.add(from);
  }

  /** The people seen acting for a department, by name. */
  members(department: string): string[] {
    let sorted = this.sortedPeople.get(department);
    if (!sorted) this.sortedPeople.set(department, (sorted = [...(this.people.get(department) ?? [])].sort((a, b) => a.localeCompare(b))));
    return sorted;
  }

  /** Requests that have (or had) a link to `id`; read their `links` for whether it holds. */
  linking(id: string): string[] {
    return [...(this.linkedFrom.get(id) ?? [])];
  }

  /** How many entries it holds, created or still waiting for their creation. */
  get size(): number {
    return this.entries.size;
  }

  /** A request whose creation has arrived, or undefined. */
  get(id: string): IndexEntry | undefined {
    const e = this.entries.get(id);
    return e?.create ? e : undefined;
  }

  /** Any entry, created or still waiting for its creation. */
  entry(id: string): IndexEntry | undefined {
    return this.entries.get(id);
  }

  *requests(): IterableIterator<IndexEntry> {
    for (const e of this.entries.values()) if (e.create) yield e;
  }

  /** For a snapshot: every entry as plain data. */
  dump(): IndexEntry[] {
    return [...this.entries.values()];
  }

  /** For a snapshot: the people per department. */
  dumpPeople(): [string, string[]][] {
    return [...this.people].map(([d, names]) => [d, [...names]]);
  }

  static restore(entries: IndexEntry[], people: [string, string[]][]): QueueIndex {
    const index = new QueueIndex();
    for (const e of entries) {
      index.entries.set(e.id, e);
      for (const key of Object.keys(e.links ?? {})) index.noteLink(e.id, key.slice(key.indexOf(':') + 1));
    }
    for (const [d, names] of people) for (const n of names) index.notePerson(d, n);
    return index;
  }
}

/** The registers, the comment count and the SLA marks of one operation. */
function foldEntry(e: IndexEntry, op: RequestOperation): void {
  const hadCreate = e.create !== null;
  foldRegisters(e, op, withoutDetails);
  // Corrected details, like the creation's, are read from the log when the request is opened.
  if (op.type === 'request.edit' && op.fields.field === 'details' && e.edits?.details?.opId === op.id) e.edits.details.value = '';
  if (op.type === 'request.comment' && isReply(op)) e.commentCount++;
  const provider = e.create ? providerAt(e.create, e.transfers, op.hlc) : null;
  // After a hand-over the receiving department's first response is what counts: earlier replies are not one.
  const handedOver = e.create && e.transfers ? lastHandOver(e.create, e.transfers) : null;
  recordMark(e, op, provider, !handedOver || op.hlc > handedOver.hlc);
  if (op.type === 'request.transfer' && handedOver?.hlc === op.hlc) e.firstReply = null;
  if (!hadCreate && provider !== null) settleEarly(e, provider);
}
