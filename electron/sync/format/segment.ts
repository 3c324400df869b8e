// Over 300 lines on purpose: one file format (docs/sync.md §Segment) read and written in one
// place, every check before trust in the order a reader runs them; packs reuse it (pack.ts) and
// signatures are only looked up here (the signing itself is in signature.ts).
import { FileTooLarge, MAX_OPS_PER_SEGMENT, MAX_SEGMENT_BYTES } from './limits.js';
import type { Operation } from '../../../shared/ops/operations.js';
import { operationId } from '../../../shared/ops/operations.js';
import { isDeviceId, parseOperation } from '../../../shared/ops/operationSchema.js';
import { formatHlc, parseHlc } from '../../../shared/ops/hlc.js';
import { OP_SEPARATOR } from '../../store/opLog.js';
import { sha256, sha256OffThread } from '../../store/sha256.js';
import type { Signer } from './signature.js';
import { signedMessage, verifySignature, verifySignatureOffThread } from './signature.js';

/** The segment format version this build writes and reads (docs/sync.md §Segment). */
export const SEGMENT_VERSION = 1;

export interface SegmentHeader {
  interdesk: 'segment' | 'pack';
  v: number;
  device: string;
  first: number;
  last: number;
  /** A pack's: when its device made it (its small segments may go a week later, docs/sync.md §Packs). */
  packedAt?: string;
}

export type DecodedSegment =
  | {
      ok: true;
      header: SegmentHeader;
      ops: Operation[];
      /** The operations as one JSON array line, for the local log. */
      line: Buffer;
      /** The operation lines as read ("a\nb\n"): a pack is made of its segments' bodies, byte for byte. */
      body: Buffer;
    }
  /** `whole`: the file is complete (too large, or its checksum matched) and wrong: no sync tool will finish it, so it is reported at once. */
  | { ok: false; reason: string; newerFormat?: boolean; whole?: boolean };

/** What a reader requires of a file: its device's signature, and what its own time allows. */
export interface DecodeOptions {
  /**
   * The key the file's device folder published (docs/sync.md §Trust): the file must carry its
   * signature. Null for a device that published none (a build before keys), or for the reader's
   * own files, which it compares with what it wrote.
   */
  key: string | null;
  /** An operation dated after this (ms) is held aside, with its file. */
  notAfter?: number;
  /** A configuration seed dated before this (ms) is refused: it would win over the share's real first seed. */
  seedsFrom?: number;
}

/**
 * How a device reads files in its own folder: it compares their operations with the ones it
 * wrote, field for field, which proves more than its own signature would (and holds for files it
 * wrote before it had a key).
 */
export const OWN_FILE: DecodeOptions = { key: null };

/**
 * header line, one operation per line, trailer line with the count, byte length and SHA-256
 * of the operation lines. Every line ends in "\n", so a file cut anywhere fails a check.
 */
export function encodeSegment(device: string, ops: readonly Operation[], sign: Signer | null): Buffer {
  return encodeLines('segment', device, seqOf(ops[0]!), Buffer.from(ops.map((op) => `${JSON.stringify(op)}\n`).join(''), 'utf8'), sign);
}

/**
 * A segment or a pack of operation lines ("a\nb\n") numbered from `first`, with header and
 * trailer; signed by `sign` (this device's key), or unsigned as builds before keys wrote them.
 */
export function encodeLines(
  kind: SegmentHeader['interdesk'],
  device: string,
  first: number,
  body: Buffer,
  sign: Signer | null,
  extra: Pick<SegmentHeader, 'packedAt'> = {},
): Buffer {
  let count = 0;
  for (let nl = body.indexOf(0x0a); nl !== -1; nl = body.indexOf(0x0a, nl + 1)) count++;
  const header: SegmentHeader = { interdesk: kind, v: SEGMENT_VERSION, device, first, last: first + count - 1, ...extra };
  const headerLine = JSON.stringify(header);
  const hash = sha256(body);
  // Older readers check count, bytes and sha256 and pass over the signature.
  const trailer = { count, bytes: body.length, sha256: hash, ...(sign ? { sig: sign(signedMessage(headerLine, hash)) } : {}) };
  return Buffer.concat([Buffer.from(`${headerLine}\n`), body, Buffer.from(`${JSON.stringify(trailer)}\n`)]);
}

function seqOf(op: Operation): number {
  return Number(op.id.slice(op.id.lastIndexOf(':') + 1));
}

/** A segment file's bytes and, when they have the shape of one, the SHA-256 of its operation lines. */
export interface SegmentFile {
  bytes: Buffer;
  bodySha: string | null;
  /** Why the file was not read at all (too large): it has not arrived. */
  refused?: string;
  /** Read ahead with a smaller allowance than its kind's, and larger than that: read it again when it is needed. */
  deferred?: boolean;
  /** Its signature checked on the thread pool as it was read, against `key`. */
  signature?: { key: string; valid: boolean };
}

/** Where the operation lines are: between the header line and the trailer line. */
function bodyRange(bytes: Buffer): { headerEnd: number; trailerStart: number } | null {
  const headerEnd = bytes.indexOf(0x0a);
  if (headerEnd < 0 || bytes[bytes.length - 1] !== 0x0a) return null;
  const trailerStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  return trailerStart > headerEnd ? { headerEnd, trailerStart } : null;
}

/**
 * Reads a segment file and hashes its operation lines on the thread pool, so that reading ahead
 * also checksums ahead: a first sync's main thread only parses. Null when there is no file.
 */
export async function readSegmentFile(
  read: (path: string, maxBytes: number) => Promise<Buffer | null>,
  path: string,
  maxBytes = MAX_SEGMENT_BYTES,
  /** Read no more than this now (reading ahead); a larger file within `maxBytes` is deferred, not refused. */
  allowance = maxBytes,
  /** The key its device published, when known: its signature is checked off the main thread too. */
  key: string | null = null,
): Promise<SegmentFile | null> {
  let bytes: Buffer | null;
  try {
    bytes = await read(path, Math.min(maxBytes, allowance));
  } catch (err) {
    if (!(err instanceof FileTooLarge)) throw err;
    if (err.size <= maxBytes) return { bytes: Buffer.alloc(0), bodySha: null, deferred: true };
    // Said against its kind's limit, not the allowance it was read ahead with.
    return { bytes: Buffer.alloc(0), bodySha: null, refused: new FileTooLarge(path, err.size, maxBytes).reason };
  }
  if (!bytes) return null;
  const range = bodyRange(bytes);
  if (!range) return { bytes, bodySha: null };
  const bodySha = await sha256OffThread(bytes.subarray(range.headerEnd + 1, range.trailerStart));
  if (key === null) return { bytes, bodySha };
  const sig = trailerOf(bytes, range.trailerStart)?.sig;
  const valid = await verifySignatureOffThread(key, signedMessage(bytes.subarray(0, range.headerEnd), bodySha), sig);
  return { bytes, bodySha, signature: { key, valid } };
}

interface Trailer {
  count: number;
  bytes: number;
  sha256: string;
  /** The device's signature (docs/sync.md §Trust); absent in files of builds before keys. */
  sig?: unknown;
}

function trailerOf(bytes: Buffer, trailerStart: number): Trailer | null {
  try {
    const t = JSON.parse(bytes.subarray(trailerStart, bytes.length - 1).toString('utf8')) as unknown;
    return t !== null && typeof t === 'object' ? (t as Trailer) : null;
  } catch {
    return null;
  }
}

/**
 * Checks everything before trusting anything: a segment that fails a check has "not arrived
 * yet" and none of it is applied. `device` and `first` are what its place on the share says.
 */
export function decodeSegment(file: Buffer | SegmentFile, device: string, first: number, options: DecodeOptions): DecodedSegment {
  return decodeOperationFile(SEGMENT_KIND, file, device, first, options);
}

/** What sets a kind of file of operations apart: a segment, or a pack of segments (pack.ts). */
export interface OperationFileKind {
  name: 'segment' | 'pack';
  maxBytes: number;
  maxOps: number;
}

const SEGMENT_KIND: OperationFileKind = { name: 'segment', maxBytes: MAX_SEGMENT_BYTES, maxOps: MAX_OPS_PER_SEGMENT };

/**
 * A segment, or a pack (the same lines under another header, docs/sync.md §Packs), checked
 * whole. `last`, when the file's name says it, must be the header's too.
 */
export function decodeOperationFile(
  kind: OperationFileKind,
  file: Buffer | SegmentFile,
  device: string,
  first: number,
  { key, notAfter, seedsFrom }: DecodeOptions,
  last?: number,
): DecodedSegment {
  if (!Buffer.isBuffer(file) && file.refused) return { ok: false, reason: file.refused, whole: true };
  const bytes = Buffer.isBuffer(file) ? file : file.bytes;
  if (bytes.length > kind.maxBytes) return { ok: false, reason: `it is larger than ${kind.maxBytes.toLocaleString('en')} bytes`, whole: true };
  const headerEnd = bytes.indexOf(0x0a);
  if (headerEnd < 0) return { ok: false, reason: 'no complete header line' };
  let header: SegmentHeader;
  try {
    header = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8')) as SegmentHeader;
  } catch {
    return { ok: false, reason: 'the header is not JSON' };
  }
  if (header?.interdesk !== kind.name) return { ok: false, reason: `not an Interdesk ${kind.name}` };
  if (typeof header.v !== 'number' || header.v > SEGMENT_VERSION) {
    return { ok: false, reason: `written by a newer Interdesk (${kind.name} format ${String(header.v)})`, newerFormat: true };
  }
  if (
    header.device !== device ||
    header.first !== first ||
    !Number.isSafeInteger(header.last) ||
    header.last < first ||
    (last !== undefined && header.last !== last)
  ) {
    return { ok: false, reason: 'its header does not match its name and folder' };
  }
  if (!isDeviceId(device)) return { ok: false, reason: 'its folder is not named like a device' };
  if (header.last - first + 1 > kind.maxOps) return { ok: false, reason: `it claims more than ${kind.maxOps.toLocaleString('en')} operations` };
  if (bytes[bytes.length - 1] !== 0x0a) return { ok: false, reason: 'it ends mid-line (still arriving, or cut off)' };
  const range = bodyRange(bytes);
  if (!range) return { ok: false, reason: 'no trailer' };
  const { trailerStart } = range;
  const trailer = trailerOf(bytes, trailerStart);
  if (!trailer) return { ok: false, reason: 'the trailer is not JSON' };
  const body = bytes.subarray(headerEnd + 1, trailerStart);
  const count = header.last - first + 1;
  if (trailer.count !== count || trailer.bytes !== body.length) return { ok: false, reason: 'its length does not match its trailer' };
  const bodySha = Buffer.isBuffer(file) ? null : file.bodySha;
  if ((bodySha ?? sha256(body)) !== trailer.sha256) return { ok: false, reason: 'its checksum does not match' };
  if (key !== null) {
    const checked = !Buffer.isBuffer(file) && file.signature?.key === key ? file.signature.valid : null;
    // Complete and checked, yet not signed by its folder's key: copied from another device, or forged. No sync tool will change that.
    if (!(checked ?? verifySignature(key, signedMessage(bytes.subarray(0, headerEnd), trailer.sha256), trailer.sig))) {
      return {
        ok: false,
        reason: trailer.sig === undefined ? 'it is not signed, and its device signs what it writes' : 'its signature is not its device’s',
        whole: true,
      };
    }
  }

  // One parse for the whole body, as the JSON array line the local log stores anyway. A line that
  // is not exactly one JSON value changes the element count, which is checked next.
  const line = linesToJsonArray(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8', 0, line.length - 1));
  } catch {
    return { ok: false, reason: 'an operation line is not JSON', whole: true };
  }
  if (!Array.isArray(parsed) || parsed.length !== count) return { ok: false, reason: 'its operation count does not match its trailer', whole: true };
  const ops = parsed as Operation[];
  // JSON allows raw tabs between tokens; in the local log a tab is the boundary between two
  // operations, so a line with one is written as this build writes it (unknown keys included).
  let framed: Buffer;
  try {
    framed = body.includes(0x09) ? reframed(line) : line;
  } catch {
    // Written out again, it nested deeper than the stack allows: no build writes that.
    return { ok: false, reason: 'an operation nests too deep', whole: true };
  }
  // One pass: each operation checked, and looked at for a clock too far ahead (held aside) and a
  // seed dated before the share (refused). Clocks sort as text: one comparison finds a late one.
  const limit = notAfter === undefined ? null : formatHlc({ wall: notAfter, counter: 999_999, device: '~' });
  let ahead: Operation | undefined;
  let early: Operation | undefined;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (!parseOperation(op, { id: operationId(device, first + i), device })) return { ok: false, reason: `operation ${first + i} is malformed`, whole: true };
    if (limit !== null && op.hlc > limit) ahead ??= op;
    if (seedsFrom !== undefined && op.type === 'config.seed' && parseHlc(op.hlc).wall < seedsFrom) early ??= op;
  }
  if (ahead) return { ok: false, reason: heldAsideReason(ahead, notAfter!), whole: true };
  if (early) {
    const at = (ms: number) => new Date(ms).toISOString();
    return {
      ok: false,
      reason: `operation ${early.id} is a configuration seed dated ${at(parseHlc(early.hlc).wall)}, before the shared folder was created (${at(seedsFrom!)}); it is refused`,
      whole: true,
    };
  }
  return { ok: true, header, ops, line: framed, body };
}

/**
 * Why a segment waits (docs/sync.md §Clock skew): folded, a clock that far ahead would win every
 * register it touches until then, and move every clock that saw it.
 */
function heldAsideReason(op: Operation, notAfter: number): string {
  const at = parseHlc(op.hlc).wall;
  const days = Math.round((at - notAfter) / 86_400_000);
  const ahead = days >= 2 ? `${days.toLocaleString('en')} days` : `${Math.max(1, Math.round((at - notAfter) / 60_000)).toLocaleString('en')} minutes`;
  return `operation ${op.id} is dated ${new Date(at).toISOString()}, ${ahead} ahead of this computer's time; it is held aside and read again later`;
}

/** A JSON array line written again with `OP_SEPARATOR` between its values and no other tab. */
function reframed(line: Buffer): Buffer {
  const values = JSON.parse(line.toString('utf8')) as unknown[];
  return Buffer.from(`[${values.map((v) => JSON.stringify(v)).join(OP_SEPARATOR)}]\n`, 'utf8');
}

/**
 * Operation lines ("a\nb\n") as one JSON array line ("[a,\tb]\n", see `OP_SEPARATOR`), without
 * parsing them again.
 */
export function linesToJsonArray(body: Buffer): Buffer {
  let count = 0;
  for (let nl = body.indexOf(0x0a); nl !== -1; nl = body.indexOf(0x0a, nl + 1)) count++;
  if (count === 0) return Buffer.from('[]\n');
  // Each newline but the last becomes a separator; brackets and the line's own newline go round.
  const out = Buffer.allocUnsafe(body.length - count + (count - 1) * SEPARATOR.length + 3);
  out[0] = 0x5b; // [
  let at = 1;
  let from = 0;
  for (let nl = body.indexOf(0x0a); nl !== -1; nl = body.indexOf(0x0a, nl + 1)) {
    // TypedArray#set stays inside V8; Buffer#copy crosses into C++ once per operation.
    out.set(body.subarray(from, nl), at);
    at += nl - from;
    from = nl + 1;
    if (from < body.length) {
      out.set(SEPARATOR, at);
      at += SEPARATOR.length;
    }
  }
  out[at++] = 0x5d; // ]
  out[at++] = 0x0a;
  return out;
}

const SEPARATOR = Buffer.from(OP_SEPARATOR);
