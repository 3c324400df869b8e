import type { CreateRequestOp, Operation } from './operations.js';
import type { Register } from './replica.js';
import { foldRegisters } from './replica.js';
import type { Status } from './request.js';

/**
 * What the queues need of every request, folded like the full Replica (same last-writer-wins
 * rules, so the same summaries) but without keeping the operations: those stay in the local
 * log, and `lines` says where, so a request's detail is read when it is opened. This is what
 * keeps 1,000,000 operations inside a desktop app's memory.
 *
 * Unlike Replica it does not de-duplicate: the store guarantees each operation comes once.
 */
export interface IndexEntry {
  id: string;
  create: CreateRequestOp | null;
  status: Register<Status> | null;
  lastHlc: string;
  commentCount: number;
  /** Local-log line numbers that hold operations on this request, ascending. */
  lines: number[];
}

/** Details can be long and only the detail view shows them; it reads them from the log. */
const withoutDetails = (op: CreateRequestOp): CreateRequestOp => ({ ...op, fields: { ...op.fields, details: '' } });

export class QueueIndex {
  private readonly entries = new Map<string, IndexEntry>();

  apply(op: Operation, line: number): void {
    let e = this.entries.get(op.target);
    if (!e) {
      e = { id: op.target, create: null, status: null, lastHlc: '', commentCount: 0, lines: [] };
      this.entries.set(op.target, e);
    }
    if (e.lines[e.lines.length - 1] !== line) e.lines.push(line);
    if (op.hlc > e.lastHlc) e.lastHlc = op.hlc;
    foldRegisters(e, op, withoutDetails);
    if (op.type === 'request.comment') e.commentCount++;
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

  static restore(entries: IndexEntry[]): QueueIndex {
    const index = new QueueIndex();
    for (const e of entries) index.entries.set(e.id, e);
    return index;
  }
}
