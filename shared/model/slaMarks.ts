import type { RequestOperation } from '../ops/operations.js';
import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';
import { PRIORITIES } from '../core/priority.js';
import { STATUSES } from '../core/status.js';

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
  /** Wall ms of the providing department's latest comment (a reply the requester may want to hear about). */
  lastReply?: number;
  /** The reason and resume date of pauses that had them, by "wall:counter". */
  pauses?: Record<string, { reason?: string; resumeAt?: string }>;
  /**
   * Status changes and comments that arrived before the request's creation, whose side is not
   * known yet: [wall, counter, code] triples and, beside them, who made each. A device's segments
   * are read in turn, so on a first sync most changes come before their creations: this must be
   * as compact as the marks themselves.
   */
  early?: { marks: number[]; by: string[] };
}

const BY_PROVIDER = 8;
const PRIORITY_CODE = 16;
const COMMENT_CODE = 32;

/** The HLC's digits read in place: this runs for every operation of a first sync. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}
const wallOf = (hlc: string) => digits(hlc, 0, 15);
const counterOf = (hlc: string) => digits(hlc, 16, 22);

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
 * Records what `op` means for the clocks. `provider` is the providing department at its clock, or
 * null while the creation has not arrived (the change waits in `early` until it does);
 * `respondsNow` false: a reply from before the latest hand-over, which is no first response.
 */
export function recordMark(rec: SlaMarks, op: RequestOperation, provider: string | null, respondsNow = true): void {
  // Creation starts the clocks itself; assignment, watching, links, files and internal notes do not move them.
  if (op.type !== 'request.status' && op.type !== 'request.priority' && !(op.type === 'request.comment' && op.fields.internal !== true)) return;
  const wall = wallOf(op.hlc);
  const counter = counterOf(op.hlc);
  if (op.type === 'request.priority') {
    insertMark(rec.marks, wall, counter, PRIORITY_CODE + PRIORITIES.indexOf(op.fields.priority));
    return;
  }
  if (op.type === 'request.status' && op.fields.status === 'waiting_on_requester' && (op.fields.note || op.fields.resumeAt)) {
    (rec.pauses ??= {})[`${wall}:${counter}`] = {
      ...(op.fields.note ? { reason: op.fields.note } : {}),
      ...(op.fields.resumeAt ? { resumeAt: op.fields.resumeAt } : {}),
    };
  }
  const code = op.type === 'request.comment' ? COMMENT_CODE : STATUSES.indexOf(op.fields.status);
  if (provider === null) holdEarly(rec, wall, counter, code, op.actor.department);
  else if (code === COMMENT_CODE && !respondsNow) {
    // A reply from before the latest hand-over: still the provider's latest word, no longer a first response.
    if (op.actor.department === provider && !(wall <= (rec.lastReply ?? 0))) rec.lastReply = wall;
  } else place(rec, wall, counter, code, op.actor.department === provider);
}

function place(rec: SlaMarks, wall: number, counter: number, code: number, byProvider: boolean): void {
  if (code !== COMMENT_CODE) {
    insertMark(rec.marks, wall, counter, code + (byProvider ? BY_PROVIDER : 0));
    return;
  }
  if (!byProvider) return;
  const r = rec.firstReply;
  if (!r || before(wall, counter, 0, r[0]!, r[1]!, 0)) rec.firstReply = [wall, counter];
  if (!(wall <= (rec.lastReply ?? 0))) rec.lastReply = wall;
}

function holdEarly(rec: SlaMarks, wall: number, counter: number, code: number, by: string): void {
  const early = (rec.early ??= { marks: [], by: [] });
  early.marks.push(wall, counter, code);
  early.by.push(by);
}

/** Once the creation is known, the changes that came before it take their place. */
export function settleEarly(rec: SlaMarks, provider: string): void {
  const early = rec.early;
  if (!early) return;
  delete rec.early;
  for (let i = 0; i < early.by.length; i++) place(rec, early.marks[i * 3]!, early.marks[i * 3 + 1]!, early.marks[i * 3 + 2]!, early.by[i] === provider);
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
