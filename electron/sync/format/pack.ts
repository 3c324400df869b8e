import { MAX_OPS_PER_PACK, MAX_PACK_BYTES } from './limits.js';
import type { DecodeOptions, DecodedSegment, OperationFileKind, SegmentFile, SegmentHeader } from './segment.js';
import { decodeOperationFile, encodeLines } from './segment.js';
import type { Signer } from './signature.js';

/**
 * A pack (docs/sync.md §Packs): a run of one device's segments rolled into one immutable file by
 * that device, so a reader catching up opens a few files instead of one per save. The same lines
 * as a segment, under a header that says `pack`, named by its first and last sequence numbers.
 */
const PACK_KIND: OperationFileKind = { name: 'pack', maxBytes: MAX_PACK_BYTES, maxOps: MAX_OPS_PER_PACK };

export interface PackName {
  first: number;
  last: number;
}

const PACK_NAME = /^(\d{12})-(\d{12})\.pack$/;

/** `000000000001-000000004096.pack`; anything else in a packs folder (a sync tool's copy, a temp file) is not a pack. */
export function parsePackName(name: string): PackName | null {
  const m = PACK_NAME.exec(name);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first >= 1 && last >= first ? { first, last } : null;
}

export function packName({ first, last }: PackName): string {
  return `${String(first).padStart(12, '0')}-${String(last).padStart(12, '0')}.pack`;
}

/** A pack of `device`'s operations `first…`, made of its segments' operation lines (`bodies`), byte for byte. */
export function encodePack(device: string, first: number, bodies: readonly Buffer[], packedAt: number, sign: Signer | null): Buffer {
  return encodeLines('pack', device, first, Buffer.concat(bodies), sign, { packedAt: new Date(packedAt).toISOString() });
}

/** A pack checked as a segment is (every line, its ids, its clocks), and against its name. */
export function decodePack(file: Buffer | SegmentFile, device: string, name: PackName, options: DecodeOptions): DecodedSegment {
  return decodeOperationFile(PACK_KIND, file, device, name.first, options, name.last);
}

/** When a pack's header says it was made (ms), or null when it does not say so plainly. */
export function packedAt(header: SegmentHeader): number | null {
  const at = typeof header.packedAt === 'string' ? Date.parse(header.packedAt) : Number.NaN;
  return Number.isFinite(at) ? at : null;
}
