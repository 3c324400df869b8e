import type { DeviceDirectory } from './devices.js';
import type { Source } from './format/deviceFiles.js';
import { DeviceFiles, segmentAt } from './format/deviceFiles.js';
import type { ShareLayout } from './format/layout.js';
import type { PackName } from './format/pack.js';
import { decodePack, encodePack, packName, packedAt, parsePackName } from './format/pack.js';
import { OWN_FILE, decodeSegment } from './format/segment.js';
import type { Signer } from './format/signature.js';
import { isDeferred, readOperationFile, sourcePath } from './operationFiles.js';
import { ReadAhead } from './readAhead.js';
import { errorCode, readerOf } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import { removeAbandoned } from './snapshotWrite.js';
import type { SyncStore } from './syncStore.js';

/** A device packs its own segments once this many follow its last pack. */
export const PACK_AFTER_SEGMENTS = 64;
/** This many small packs in a row (each under MERGE_BELOW_OPS operations, an eighth of a full pack) are merged into one. */
export const MERGE_FANIN = 16;
export const MERGE_BELOW_OPS = 6_250;
/** A pack ends at this many bytes or operations, well under what readers accept (limits.ts). */
const PACK_TARGET_BYTES = 8 * 1024 * 1024;
const PACK_TARGET_OPS = 50_000;
/** Packs made in one run: a device upgrading with years of saves packs them over a few cycles, not in one. */
const PACKS_PER_RUN = 8;
/**
 * A packed segment stays this long after its pack is made: readers that sync in that time read
 * it as ever; one away longer meets the pack on its next full scan (its first sync after a start,
 * or after being offline).
 */
export const KEEP_PACKED_SEGMENTS_MS = 7 * 24 * 60 * 60_000;
/** Segments removed in one run, so a cycle stays short. */
const REMOVALS_PER_RUN = 5_000;

export type PackStore = Pick<SyncStore, 'deviceId' | 'flushedSeq' | 'isOwn' | 'clockNow'>;

export interface PackRun {
  packed: PackName[];
  removed: number;
}

/**
 * Packing (docs/sync.md §Packs): this device rolls its own small segments, in order, into packs
 * (one immutable file each, the segments' lines byte for byte), and removes a packed segment a
 * week after its pack was made, once every device on the share has said it reads packs. What is
 * packed is what the share's packs folder says, so a run cut off anywhere leaves a share every
 * reader reads whole; only which packs were read back whole is remembered, to read each once.
 */
export class Packer {
  /** Own packs read back whole and found to be this device's: when each was made. */
  private readonly checked = new Map<string, number>();

  constructor(
    private readonly fs: ShareFs,
    private readonly store: PackStore,
    private readonly devices: DeviceDirectory,
    /** Signs the packs it writes with this device's key. */
    private readonly sign: Signer,
  ) {}

  async run(layout: ShareLayout, onShare: readonly string[]): Promise<PackRun> {
    return packOwnLog(this.fs, layout, this.store, this.devices, this.sign, onShare, this.checked);
  }
}

async function packOwnLog(
  fs: ShareFs,
  layout: ShareLayout,
  store: PackStore,
  devices: DeviceDirectory,
  sign: Signer,
  onShare: readonly string[],
  checked: Map<string, number>,
): Promise<PackRun> {
  const me = store.deviceId;
  const dir = layout.packsDir(me);
  await fs.mkdir(dir);
  const [logNames, packNames] = await Promise.all([fs.readdir(layout.logDir(me)).catch(() => [] as string[]), fs.readdir(dir)]);
  await removeAbandoned(fs, dir, store.clockNow(), packNames);
  // A name claiming operations this device never flushed is not its own pack (crafted, or a clone's): it must not stop packing.
  const files = new DeviceFiles(
    logNames,
    packNames.filter((name) => (parsePackName(name)?.last ?? 0) <= store.flushedSeq),
  );
  const run: PackRun = { packed: [], removed: 0 };
  while (run.packed.length < PACKS_PER_RUN) {
    const plan = planPack(files, store.flushedSeq);
    const pack = plan && (await writePack(fs, layout, store, sign, plan));
    if (!pack) break;
    run.packed.push(pack);
    files.addPack(pack);
  }
  if (await devices.allReadPacks(layout, onShare)) run.removed = await removePacked(fs, layout, store, files, checked);
  return run;
}

/**
 * What the next pack is made of: consecutive files of this device's own history from operation
 * 1 on, as a reader would read them (a pack where one holds the next operation, else the
 * segment). Either a run of MERGE_FANIN or more small packs, merged into one (so a device's
 * history ends up as a few large packs, not one per 64 saves), or the segments after the
 * packs, once PACK_AFTER_SEGMENTS of them have been flushed. Null when neither is due.
 */
export function planPack(files: DeviceFiles, flushedSeq: number): Source[] | null {
  const chain = files.planFrom(0).filter((source) => ('pack' in source ? source.pack.last : source.segment) <= flushedSeq);
  let run: Source[] = [];
  let ops = 0;
  for (const source of chain) {
    const count = 'pack' in source ? source.pack.last - source.pack.first + 1 : 0;
    if (!('pack' in source) || count >= MERGE_BELOW_OPS || ops + count > PACK_TARGET_OPS) {
      if (run.length >= MERGE_FANIN) return run;
      run = [];
      ops = 0;
      if (!('pack' in source) || count >= MERGE_BELOW_OPS) continue;
    }
    run.push(source);
    ops += count;
  }
  if (run.length >= MERGE_FANIN) return run;
  const segments = chain.filter((source) => 'segment' in source);
  const tail = chain.slice(chain.length - segments.length);
  return tail.length >= PACK_AFTER_SEGMENTS && tail.every((source) => 'segment' in source) ? tail : null;
}

/**
 * Writes the pack planned: each file read and checked as a reader would, and every operation in
 * it this device's own, field for field (a clone's segment under this id is never packed),
 * stopping before a file that is not, or once the pack is full.
 */
async function writePack(fs: ShareFs, layout: ShareLayout, store: PackStore, sign: Signer, plan: readonly Source[]): Promise<PackName | null> {
  const me = store.deviceId;
  const paths = plan.map((source) => sourcePath(layout, me, source));
  const ahead = new ReadAhead(paths, (path, early) => readOperationFile(readerOf(fs), path, early), 6, isDeferred);
  const pack = await gatherPack(plan, async (source, i) => {
    const file = await ahead.take(paths[i]!);
    const decoded = !file ? null : 'pack' in source ? decodePack(file, me, source.pack, OWN_FILE) : decodeSegment(file, me, source.segment, OWN_FILE);
    if (!decoded?.ok || decoded.header.last > store.flushedSeq || !decoded.ops.every((op) => store.isOwn(op))) return null;
    return { body: decoded.body, count: decoded.ops.length };
  });
  if (!pack) return null;
  const written = await fs.writeNew(layout.packPath(me, packName(pack)), encodePack(me, pack.first, pack.bodies, store.clockNow(), sign));
  // Taken already: by this device before a crash (a rerun lists it), or by a clone of it, whose
  // pack no run here builds on.
  return written ? { first: pack.first, last: pack.last } : null;
}

/**
 * The pack a plan makes: its files' operation lines in order, stopping before one that `load`
 * refuses (null) or once the pack is full; null when fewer than two files would be in it.
 */
export async function gatherPack(
  plan: readonly Source[],
  load: (source: Source, i: number) => Promise<{ body: Buffer; count: number } | null>,
): Promise<(PackName & { bodies: Buffer[] }) | null> {
  const bodies: Buffer[] = [];
  let bytes = 0;
  const first = 'pack' in plan[0]! ? plan[0].pack.first : plan[0]!.segment;
  let next = first;
  for (const [i, source] of plan.entries()) {
    const at = 'pack' in source ? source.pack.first : source.segment;
    if (at !== next || bytes >= PACK_TARGET_BYTES || next - first >= PACK_TARGET_OPS) break;
    const loaded = await load(source, i);
    if (!loaded) break;
    bodies.push(loaded.body);
    bytes += loaded.body.length;
    next += loaded.count;
  }
  return bodies.length < 2 ? null : { first, last: next - 1, bodies };
}

/** The files a pack holds besides itself: smaller packs it merged, and segments (found by binary search: a folder may hold any number of names). */
export function heldBy(files: DeviceFiles, pack: PackName): Source[] {
  const held: Source[] = [];
  const { packs, firsts } = files;
  let i = 0;
  for (let hi = packs.length; i < hi; ) {
    const mid = (i + hi) >>> 1;
    if (packs[mid]!.first < pack.first) i = mid + 1;
    else hi = mid;
  }
  for (; i < packs.length && packs[i]!.first <= pack.last; i++) {
    const p = packs[i]!;
    if (p.last <= pack.last && (p.first !== pack.first || p.last !== pack.last)) held.push({ pack: p, name: packName(p) });
  }
  for (let k = segmentAt(firsts, pack.first - 1) + 1; k < firsts.length && firsts[k]! <= pack.last; k++) held.push({ segment: firsts[k]! });
  return held;
}

/**
 * Files a pack holds (segments, and smaller packs it merged), removed once that pack is a week
 * old, in order (the oldest first), after the pack is read back whole and found to hold this
 * device's own operations.
 */
async function removePacked(fs: ShareFs, layout: ShareLayout, store: PackStore, files: DeviceFiles, checked: Map<string, number>): Promise<number> {
  const me = store.deviceId;
  const cutoff = store.clockNow() - KEEP_PACKED_SEGMENTS_MS;
  let removed = 0;
  // The packs a reader reads (from operation 1, the one reaching furthest at each point): what they hold is what may go.
  for (const source of files.planFrom(0)) {
    if (!('pack' in source)) continue;
    const pack = source.pack;
    const inside = heldBy(files, pack).map((held) => sourcePath(layout, me, held));
    if (!inside.length) continue;
    const path = layout.packPath(me, packName(pack));
    const at = checked.get(path) ?? (await ownPackMadeAt(fs, path, store, pack));
    if (at !== null) checked.set(path, at);
    if (at == null || at > cutoff) continue;
    for (const path of inside) {
      if (removed >= REMOVALS_PER_RUN) return removed;
      // Gone already (a run cut off after it); any other failure ends the run, as the share's absence.
      await fs.unlink(path).catch((err: unknown) => {
        if (errorCode(err) !== 'ENOENT') throw err;
      });
      removed++;
    }
  }
  return removed;
}

/** When an own pack was made, read back whole; null when it is not whole or not all this device's own. */
async function ownPackMadeAt(fs: ShareFs, path: string, store: PackStore, pack: PackName): Promise<number | null> {
  const file = await readOperationFile(readerOf(fs), path);
  const decoded = file ? decodePack(file, store.deviceId, pack, OWN_FILE) : null;
  return decoded?.ok && decoded.ops.every((op) => store.isOwn(op)) ? packedAt(decoded.header) : null;
}
