import type { RequestOperation } from '../model/operations.js';
import type { Priority, Status } from '../model/request.js';
import { PRIORITIES, STATUSES } from '../model/request.js';

/**
 * What the SLA clocks need of a request's history, kept in the queue index for every request
 * (so a queue can show 100,000 clocks without reading the log) and compact enough for that:
 * status and priority changes as flat number triples, the provider's first reply as one time.
 * The same marks feed the queue row and the detail view, so the two can never disagree.
 */
export interface SlaMarks {
  /** [wall ms, HLC counter, code] per status or priority change, in clock order. */
  marks: number[];
  /** [wall ms, HLC counter] of the providing department's earliest comment, if any. */
  firstReply: number[] | null;
  /** The reason and resume date of pauses that had them, by "wall:counter". */
  pauses?: Record<string, { reason?: string; resumeAt?: string }>;
  /** Changes that arrived before the request's creation: whose side they are on is not known yet. */
  early?: RequestOperation[];
}

const BY_PROVIDER = 8;
const PRIORITY_CODE = 16;

const wallOf = (hlc: string) => +hlc.slice(0, 15);
const counterOf = (hlc: string) => +hlc.slice(16, 22);

function before(aw: number, ac: number, acode: number, bw: number, bc: number, bcode: number): boolean {
  return aw !== bw ? aw < bw : ac !== bc ? ac < bc : acode < bcode;
}

function insertMark(m: number[], wall: number, counter: number, code: number): void {
  let at = m.length;
  // Changes nearly always arrive in clock order: the common case is an append.
  while (at > 0 && before(wall, counter, code, m[at - 3]!, m[at - 2]!, m[at - 1]!)) at -= 3;
  m.splice(at, 0, wall, counter, code);
}

/**
 * Records what `op` means for the clocks. `provider` is the providing department, or null while
 * the creation has not arrived (the change waits in `early` until it does).
 */
export function recordMark(rec: SlaMarks, op: RequestOperation, provider: string | null): void {
  if (op.type === 'request.create') return;
  if (provider === null) {
    (rec.early ??= []).push(op);
    return;
  }
  const wall = wallOf(op.hlc);
  const counter = counterOf(op.hlc);
  const byProvider = op.actor.department === provider;
  if (op.type === 'request.comment') {
    const r = rec.firstReply;
    if (byProvider && (!r || before(wall, counter, 0, r[0]!, r[1]!, 0))) rec.firstReply = [wall, counter];
  } else if (op.type === 'request.priority') {
    insertMark(rec.marks, wall, counter, PRIORITY_CODE + PRIORITIES.indexOf(op.fields.priority));
  } else {
    insertMark(rec.marks, wall, counter, STATUSES.indexOf(op.fields.status) + (byProvider ? BY_PROVIDER : 0));
    if (op.fields.status === 'waiting_on_requester' && (op.fields.note || op.fields.resumeAt)) {
      (rec.pauses ??= {})[`${wall}:${counter}`] = {
        ...(op.fields.note ? { reason: op.fields.note } : {}),
        ...(op.fields.resumeAt ? { resumeAt: op.fields.resumeAt } : {}),
      };
    }
  }
}

/** Once the creation is known, the changes that came before it take their place. */
export function settleEarly(rec: SlaMarks, provider: string): void {
  const early = rec.early;
  if (!early) return;
  delete rec.early;
  for (const op of early) recordMark(rec, op, provider);
}

export type Mark =
  | { kind: 'status'; wall: number; status: Status; byProvider: boolean; reason?: string; resumeAt?: string }
  | { kind: 'priority'; wall: number; priority: Priority }
  | { kind: 'reply'; wall: number };

/** The marks as a list, in clock order (the first reply placed among them). */
export function readMarks(rec: SlaMarks): Mark[] {
  const out: Mark[] = [];
  const m = rec.marks;
  const reply = rec.firstReply;
  let replyPlaced = !reply;
  for (let i = 0; i < m.length; i += 3) {
    const [wall, counter, code] = [m[i]!, m[i + 1]!, m[i + 2]!];
    if (!replyPlaced && !before(wall, counter, code, reply![0]!, reply![1]!, -1)) {
      out.push({ kind: 'reply', wall: reply![0]! });
      replyPlaced = true;
    }
    if (code >= PRIORITY_CODE) {
      out.push({ kind: 'priority', wall, priority: PRIORITIES[code - PRIORITY_CODE]! });
    } else {
      const pause = rec.pauses?.[`${wall}:${counter}`];
      out.push({ kind: 'status', wall, status: STATUSES[code % BY_PROVIDER]!, byProvider: code >= BY_PROVIDER, ...pause });
    }
  }
  if (!replyPlaced) out.push({ kind: 'reply', wall: reply![0]! });
  return out;
}
