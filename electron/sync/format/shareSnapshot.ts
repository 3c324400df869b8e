import type { IndexEntry } from '../../../shared/model/queueIndex.js';
import { validIndexEntry } from '../../../shared/model/indexEntrySchema.js';
import { isHlc, parseOperation } from '../../../shared/ops/operationSchema.js';
import type { ConfigOperation } from '../../../shared/ops/operations.js';
import { isConfigOperation } from '../../../shared/ops/operations.js';
import { sha256Hash, sha256OffThread } from '../../store/sha256.js';
import type { Signer } from './signature.js';
import { signedMessage, verifySignatureOffThread } from './signature.js';
import { timeSlices } from '../../store/timeSlices.js';
import { linesToJsonArray } from './segment.js';

/** The share snapshot format this build writes and reads (docs/sync.md §Snapshots). */
export const SNAPSHOT_VERSION = 1;

export interface ShareSnapshotHeader {
  interdesk: 'snapshot';
  v: number;
  /** Who wrote it: a device deletes only its own older snapshots. */
  device: string;
  opCount: number;
  entries: number;
}

/** The writer's log, line by line: which device's operations, from which to which sequence number. */
export type LineSource = [device: string, first: number, last: number];

export interface ShareSnapshot {
  header: ShareSnapshotHeader;
  lines: LineSource[];
  people: [string, string[]][];
  /** The latest clock value folded in, so a joining device's changes sort after all of it. */
  clock: string;
  entries: IndexEntry[];
  /**
   * The configuration operations the writer holds (a seed and the edits since), so a joining
   * machine shows its queues with their clocks before the history behind them is copied. Absent
   * in snapshots written before it was added: such a join shows the queues when the history is in.
   */
  config?: ConfigOperation[];
}

export type DecodedSnapshot = { ok: true; snapshot: ShareSnapshot } | { ok: false; reason: string; newerFormat?: boolean };

const NAME = /^(\d{12})-([A-Za-z0-9._-]{1,200})\.snap$/;

/**
 * `<operations, 12 digits>-<writer>.snap`: what it covers and who wrote it. A device writes one
 * snapshot per operation count at most, and never over a file, so a name always means one content.
 */
export function snapshotName(opCount: number, device: string): string {
  return `${String(opCount).padStart(12, '0')}-${device}.snap`;
}

export function parseSnapshotName(name: string): { opCount: number; device: string } | null {
  const m = NAME.exec(name);
  return m ? { opCount: Number(m[1]), device: m[2]! } : null;
}

/** How many entries go into one piece while encoding: one string of all would be hundreds of MB. */
const SLICE = 2_000;

/**
 * Header line, a line with the line sources, people and clock, one entry per line, trailer line
 * (count, byte length and SHA-256 of everything between header and trailer), like a segment.
 * Made piece by piece as the file is written, so the whole file is never in memory at once.
 */
export function* encodeSnapshot(s: Omit<ShareSnapshot, 'header'> & { device: string; opCount: number }, sign: Signer | null): Generator<Buffer> {
  const header: ShareSnapshotHeader = { interdesk: 'snapshot', v: SNAPSHOT_VERSION, device: s.device, opCount: s.opCount, entries: s.entries.length };
  const headerLine = JSON.stringify(header);
  yield Buffer.from(`${headerLine}\n`);
  const hash = sha256Hash();
  let bytes = 0;
  const body = function* () {
    yield Buffer.from(`${JSON.stringify({ lines: s.lines, people: s.people, clock: s.clock, ...(s.config ? { config: s.config } : {}) })}\n`);
    for (let i = 0; i < s.entries.length; i += SLICE)
      yield Buffer.from(
        `${s.entries
          .slice(i, i + SLICE)
          .map((e) => JSON.stringify(e))
          .join('\n')}\n`,
      );
  };
  for (const piece of body()) {
    hash.update(piece);
    bytes += piece.length;
    yield piece;
  }
  const sha256 = hash.digest('hex');
  // Signed as a segment is (docs/sync.md §Trust); older readers pass over the signature.
  const sig = sign ? { sig: sign(signedMessage(headerLine, sha256)) } : {};
  yield Buffer.from(`${JSON.stringify({ count: s.entries.length, bytes, sha256, ...sig })}\n`);
}

/**
 * Checks everything before trusting anything, as for a segment; `name` is the file's name on the
 * share. The checksum is computed on the thread pool while the lines are parsed, one by one (one
 * string of the whole file would double what a join holds at its peak).
 */
export async function decodeSnapshot(
  bytes: Buffer,
  name: string,
  /** The key its writer's device folder published: it must carry its signature. Null: a device that published none. */
  key: string | null,
): Promise<DecodedSnapshot> {
  const framed = frame(bytes, name);
  if (!framed.ok) return framed;
  const { header, body, trailer } = framed;
  const hashing = sha256OffThread(body);
  if (key !== null) {
    const message = signedMessage(bytes.subarray(0, bytes.indexOf(0x0a)), trailer.sha256);
    if (!(await verifySignatureOffThread(key, message, trailer.sig))) {
      await hashing; // not left running behind a refusal
      return { ok: false, reason: trailer.sig === undefined ? 'it is not signed, and its device signs what it writes' : 'its signature is not its device’s' };
    }
  }

  const metaEnd = body.indexOf(0x0a);
  const meta = parseLine(body, 0, metaEnd) as Partial<Omit<ShareSnapshot, 'header' | 'entries'>> | undefined;
  if (!meta || !isHlc(meta.clock) || !validPeople(meta.people)) return { ok: false, reason: 'its people or clock are malformed' };
  const lines = meta.lines;
  const problem = checkLines(lines, header.opCount);
  if (problem) return { ok: false, reason: problem };
  const config = meta.config === undefined ? undefined : configOperations(meta.config);
  if (config === null) return { ok: false, reason: 'its configuration is malformed' };
  const entries: IndexEntry[] = [];
  const ids = new Set<string>();
  // A second of parsing at 100,000 requests: in slices, so the app answers meanwhile.
  const slice = timeSlices();
  for (let from = metaEnd + 1; from < body.length; ) {
    await slice();
    // About 256 KB of entries parsed at once, as one array (a string per entry cost a first join 0.1 s).
    const end = Math.min(body.length, body.indexOf(0x0a, Math.min(body.length - 1, from + CHUNK_BYTES)) + 1 || body.length);
    for (const entry of parseEntries(body.subarray(from, end))) {
      if (!validIndexEntry(entry, lines!.length) || ids.has(entry.id)) return { ok: false, reason: `the entry on line ${entries.length + 3} is malformed` };
      ids.add(entry.id);
      entries.push(entry);
    }
    from = end;
  }
  if (entries.length !== header.entries) return { ok: false, reason: 'its entry count does not match its trailer' };
  if ((await hashing) !== trailer.sha256) return { ok: false, reason: 'its checksum does not match' };
  return { ok: true, snapshot: { header, lines: lines!, people: meta.people!, clock: meta.clock, entries, ...(config ? { config } : {}) } };
}

/**
 * Whether a file is a whole snapshot as some device wrote it (its header matches its name, its
 * checksum its lines) without parsing its entries: what a device needs to know before taking a
 * snapshot's name as the share's count (an empty file with a snapshot's name would otherwise stop
 * every device from writing the next one).
 */
export async function isWholeSnapshot(bytes: Buffer, name: string): Promise<boolean> {
  const framed = frame(bytes, name);
  return framed.ok && (await sha256OffThread(framed.body)) === framed.trailer.sha256;
}

/** Header, body and trailer of a snapshot file, each checked against the others and the name. */
function frame(
  bytes: Buffer,
  name: string,
): { ok: true; header: ShareSnapshotHeader; body: Buffer; trailer: Trailer } | { ok: false; reason: string; newerFormat?: boolean } {
  const named = parseSnapshotName(name);
  if (!named) return { ok: false, reason: 'not a snapshot name' };
  const headerEnd = bytes.indexOf(0x0a);
  const header = parseLine(bytes, 0, Math.max(0, headerEnd)) as ShareSnapshotHeader | undefined;
  if (header?.interdesk !== 'snapshot') return { ok: false, reason: header ? 'not an Interdesk snapshot' : 'the header is not JSON' };
  if (typeof header.v !== 'number' || header.v > SNAPSHOT_VERSION)
    return { ok: false, reason: `written by a newer Interdesk (snapshot format ${String(header.v)})`, newerFormat: true };
  if (header.opCount !== named.opCount || header.device !== named.device || !Number.isSafeInteger(header.entries) || header.entries < 0) {
    return { ok: false, reason: 'its header does not match its name' };
  }
  if (bytes[bytes.length - 1] !== 0x0a) return { ok: false, reason: 'it ends mid-line (still arriving, or cut off)' };
  const trailerStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  if (trailerStart <= headerEnd + 1) return { ok: false, reason: 'no trailer' };
  const trailer = parseLine(bytes, trailerStart, bytes.length - 1) as Trailer | undefined;
  if (!trailer) return { ok: false, reason: 'the trailer is not JSON' };
  const body = bytes.subarray(headerEnd + 1, trailerStart);
  if (trailer.count !== header.entries || trailer.bytes !== body.length) return { ok: false, reason: 'its length does not match its trailer' };
  return { ok: true, header, body, trailer };
}

interface Trailer {
  count: number;
  bytes: number;
  sha256: string;
  sig?: unknown;
}

/** One line's JSON value, or undefined when it is not JSON. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Entry lines ("a\nb\n") parsed as one JSON array, checked to hold one value per line; when
 * they do not, line by line, so the first bad one is the one refused.
 */
function parseEntries(lines: Buffer): unknown[] {
  let count = 0;
  for (let nl = lines.indexOf(0x0a); nl !== -1; nl = lines.indexOf(0x0a, nl + 1)) count++;
  const array = linesToJsonArray(lines);
  const parsed = parseLine(array, 0, array.length - 1);
  if (Array.isArray(parsed) && parsed.length === count) return parsed;
  const each: unknown[] = [];
  for (let from = 0; from < lines.length; ) {
    const nl = lines.indexOf(0x0a, from);
    each.push(parseLine(lines, from, nl));
    from = nl + 1;
  }
  return each;
}

function parseLine(bytes: Buffer, from: number, to: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', from, to)) as unknown;
  } catch {
    return undefined;
  }
}

function validPeople(v: unknown): v is [string, string[]][] {
  return (
    Array.isArray(v) &&
    v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && Array.isArray(p[1]) && p[1].every((n) => typeof n === 'string'))
  );
}

/**
 * Each device's operations, over the lines, must run 1, 2, 3 … without a gap or a repeat, and
 * add up to the count in the header: then any first lines of it are a gap-free prefix per device,
 * which is what the cursors require if a join stops half-way.
 */
function checkLines(lines: unknown, opCount: number): string | null {
  if (!Array.isArray(lines)) return 'it has no line list';
  const next = new Map<string, number>();
  let count = 0;
  for (const l of lines) {
    if (!Array.isArray(l) || l.length !== 3 || typeof l[0] !== 'string' || !l[0] || !Number.isSafeInteger(l[1]) || !Number.isSafeInteger(l[2]))
      return 'a line source is malformed';
    const [device, first, last] = l as LineSource;
    if (first !== (next.get(device) ?? 1) || last < first) return `its lines do not hold ${device}'s operations in order`;
    next.set(device, last + 1);
    count += last - first + 1;
  }
  return count === opCount ? null : 'its lines do not add up to its operation count';
}

/** At most this many configuration operations: a seed and years of edits are a few hundred. */
const MAX_CONFIG_OPERATIONS = 10_000;

/** Configuration operations, each checked as one from a segment is; null when any is not one. */
function configOperations(value: unknown): ConfigOperation[] | null {
  if (!Array.isArray(value) || value.length > MAX_CONFIG_OPERATIONS) return null;
  const ops: ConfigOperation[] = [];
  for (const v of value) {
    const op = parseOperation(v);
    if (!op || !isConfigOperation(op)) return null;
    ops.push(op);
  }
  return ops;
}
