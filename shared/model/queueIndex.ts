import { isKnownOperation } from '../ops/operationSchema.js';
import type { SlaMarks } from './slaMarks.js';
import { recordMark, settleEarly } from './slaMarks.js';
import type { CreateRequestOp, RequestOperation } from '../ops/operations.js';
import type { Registers } from './replica.js';
import { foldRegisters, isReply } from './replica.js';

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
}

/** Details can be long and only the detail view shows them; it reads them from the log. */
const withoutDetails = (op: CreateRequestOp): CreateRequestOp => ({ ...op, fields: { ...op.fields, details: '' } });

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
  /** The last person noted: a device's run of operations is nearly always one person's, and hashing two names per operation cost a first sync 0.2 s. */
  private lastActor: { department: string; user: string } | null = null;

  apply(op: RequestOperation, line: number): void {
    if (!isKnownOperation(op)) return;
    let e = this.entries.get(op.target);
    if (!e) {
      e = emptyEntry(op.target);
      this.entries.set(op.target, e);
    }
    if (e.lines[e.lines.length - 1] !== line) e.lines.push(line);
    if (op.hlc > e.lastHlc) e.lastHlc = op.hlc;
    foldEntry(e, op);
    const last = this.lastActor;
    if (last === null || last.user !== op.actor.user || last.department !== op.actor.department) {
      this.notePerson(op.actor.department, op.actor.user);
      this.lastActor = op.actor;
    }
    if (op.type === 'request.link') this.noteLink(op.target, op.fields.other);
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
  if (op.type === 'request.comment' && isReply(op)) e.commentCount++;
  const provider = e.create?.fields.toDepartment ?? null;
  recordMark(e, op, provider);
  if (!hadCreate && provider !== null) settleEarly(e, provider);
}
