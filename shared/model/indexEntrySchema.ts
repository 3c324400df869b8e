import type { IndexEntry } from './queueIndex.js';
import { isChainFields } from '../ops/chainFields.js';
import { NEEDS } from './queueIndex.js';
import type { Register } from './replica.js';
import { PRIORITIES } from '../core/priority.js';
import { STATUSES } from '../core/status.js';
import { isReservedName } from '../core/text.js';
import { isHlc, isInstant, isOperationId, parseOperation } from '../ops/operationSchema.js';

/**
 * Checks a queue-index entry read from a share snapshot, which is as hostile as any file there:
 * an entry that does not have exactly the shape the queues read is never adopted. Like
 * `parseOperation`, hand-written because it runs for every request of a join.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const STATUS_SET: ReadonlySet<unknown> = new Set(STATUSES);
const PRIORITY_SET: ReadonlySet<unknown> = new Set(PRIORITIES);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length <= 200;

/** Times, counters and codes in marks are never negative, and a time is one a Date can hold. */
const MAX_TIME = 8.64e15;

function register(v: unknown, value: (x: unknown) => boolean): v is Register<unknown> | null {
  return v === null || (isObj(v) && isHlc(v.hlc) && isOperationId(v.opId) && value(v.value));
}

function registers(v: unknown): boolean {
  return (
    v === undefined ||
    (isObj(v) &&
      Object.keys(v).length <= 10_000 &&
      Object.entries(v).every(([key, r]) => !isReservedName(key) && r !== null && register(r, (x) => typeof x === 'boolean')))
  );
}

function numbers(v: unknown, multipleOf: number): boolean {
  if (!Array.isArray(v) || v.length % multipleOf !== 0) return false;
  for (const n of v) if (typeof n !== 'number' || !(n >= 0 && n <= MAX_TIME)) return false;
  return true;
}

function pauses(v: unknown): boolean {
  return (
    v === undefined ||
    (isObj(v) &&
      Object.values(v).every(
        (p) =>
          isObj(p) &&
          (p.reason === undefined || (typeof p.reason === 'string' && p.reason.length <= 10_000)) &&
          (p.resumeAt === undefined || isInstant(p.resumeAt)),
      ))
  );
}

/** The requester's corrections per field: title, details (kept empty: read from the log) or a form answer. */
function edits(v: unknown): boolean {
  return (
    v === undefined ||
    (isObj(v) &&
      Object.keys(v).length <= 101 &&
      Object.entries(v).every(
        ([field, r]) =>
          (field === 'title' || field === 'details' || /^form\.[\w-]{1,100}$/.test(field)) &&
          r !== null &&
          register(r, (x) => typeof x === 'string' && x.length <= 10_000),
      ))
  );
}

/** Hand-overs by operation id: to which department, as which type, by which, when. */
function transfers(v: unknown): boolean {
  return (
    v === undefined ||
    (isObj(v) &&
      Object.keys(v).length <= 1_000 &&
      Object.entries(v).every(
        ([id, t]) =>
          isOperationId(id) &&
          isObj(t) &&
          isName(t.to) &&
          !isReservedName(t.to) &&
          isName(t.by) &&
          isHlc(t.hlc) &&
          typeof t.typeId === 'string' &&
          t.typeId.length <= 40 &&
          typeof t.type === 'string' &&
          t.type.length <= 500,
      ))
  );
}

/** Proposed and accepted dates (agreedDates.ts), each keyed by its operation's id. */
function dates(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObj(v)) return false;
  const keyed = (m: unknown, value: (x: Obj) => boolean) =>
    m === undefined ||
    (isObj(m) &&
      Object.keys(m).length <= 10_000 &&
      Object.entries(m).every(([id, x]) => isOperationId(id) && isObj(x) && isHlc(x.hlc) && isName(x.by) && value(x)));
  return (
    keyed(v.proposals, (p) => isInstant(p.neededBy) && typeof p.reason === 'string' && p.reason.length <= 2_000) &&
    keyed(v.accepts, (a) => isOperationId(a.proposal))
  );
}

/** `lineCount`: how many log lines the snapshot's history has; an entry's lines must be among them. */
export function validIndexEntry(v: unknown, lineCount: number): v is IndexEntry {
  if (!isObj(v) || typeof v.id !== 'string' || v.id.length === 0 || v.id.length > 100) return false;
  const create = v.create === null ? null : parseOperation(v.create);
  if (v.create !== null && (create?.type !== 'request.create' || create.target !== v.id)) return false;
  if (!Array.isArray(v.lines) || v.lines.length === 0) return false;
  for (const line of v.lines) if (!Number.isSafeInteger(line) || line < 0 || line >= lineCount) return false;
  const early = v.early;
  const claims = v.claims;
  return (
    (claims === undefined ||
      (isObj(claims) &&
        numbers(claims.need, 1) &&
        (claims.need as number[]).every((n) => Number.isInteger(n) && n < NEEDS.length) &&
        Array.isArray(claims.by) &&
        claims.by.every(isName) &&
        claims.by.length === (claims.need as number[]).length)) &&
    register(v.status, (x) => STATUS_SET.has(x)) &&
    register(v.priority, (x) => PRIORITY_SET.has(x)) &&
    register(v.assignee, (x) => isObj(x) && (x.to === null || isName(x.to)) && isName(x.by)) &&
    registers(v.watchers) &&
    registers(v.links) &&
    (v.lastHlc === '' || isHlc(v.lastHlc)) &&
    Number.isSafeInteger(v.commentCount) &&
    (v.commentCount as number) >= 0 &&
    numbers(v.marks, 3) &&
    (v.firstReply === null || (numbers(v.firstReply, 2) && (v.firstReply as number[]).length === 2)) &&
    (v.lastReply === undefined || (typeof v.lastReply === 'number' && v.lastReply >= 0 && v.lastReply <= MAX_TIME)) &&
    pauses(v.pauses) &&
    (v.escalated === undefined || register(v.escalated, (x) => typeof x === 'string' && x.length <= 2_000)) &&
    (v.escalations === undefined || (Number.isSafeInteger(v.escalations) && (v.escalations as number) > 0)) &&
    dates(v.dates) &&
    edits(v.edits) &&
    transfers(v.transfers) &&
    (v.rating === undefined ||
      register(v.rating, (x) => isObj(x) && typeof x.again === 'boolean' && typeof x.comment === 'string' && x.comment.length <= 2_000)) &&
    (v.reopened === undefined || register(v.reopened, (x) => typeof x === 'string' && x.length <= 10_000)) &&
    (v.chain === undefined || register(v.chain, isChainFields)) &&
    (early === undefined ||
      (isObj(early) &&
        numbers(early.marks, 3) &&
        Array.isArray(early.by) &&
        early.by.every(isName) &&
        early.by.length * 3 === (early.marks as number[]).length))
  );
}
