import type { DeviceDirectory } from './devices.js';
import { DeviceFiles } from './format/deviceFiles.js';
import type { ShareLayout } from './format/layout.js';
import type { PackName } from './format/pack.js';
import { decodePack, encodePack, packName, packedAt } from './format/pack.js';
import { decodeSegment } from './format/segment.js';
import { readOperationFile } from './operationFiles.js';
import { ReadAhead } from './readAhead.js';
import { errorCode, readIfThere } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import { removeAbandoned } from './snapshotWrite.js';
import type { SyncStore } from './syncStore.js';

/** A device packs its own segments once this many follow its last pack. */
export const PACK_AFTER_SEGMENTS = 64;
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
  ) {}

  async run(layout: ShareLayout, onShare: readonly string[]): Promise<PackRun> {
    return packOwnLog(this.fs, layout, this.store, this.devices, onShare, this.checked);
  }
}

async function packOwnLog(
  fs: ShareFs,
  layout: ShareLayout,
  store: PackStore,
  devices: DeviceDirectory,
  onShare: readonly string[],
  checked: Map<string, number>,
): Promise<PackRun> {
  const me = store.deviceId;
  const dir = layout.packsDir(me);
  await fs.mkdir(dir);
  await removeAbandoned(fs, dir, store.clockNow());
  const [logNames, packNames] = await Promise.all([fs.readdir(layout.logDir(me)).catch(() => [] as string[]), fs.readdir(dir)]);
  const files = new DeviceFiles(logNames, packNames);
  const run: PackRun = { packed: [], removed: 0 };
  let packedTo = chainEnd(files);
  while (run.packed.length < PACKS_PER_RUN) {
    const pack = await packNext(fs, layout, store, files, packedTo);
    if (!pack) break;
    run.packed.push(pack);
    files.packs.push(pack);
    packedTo = pack.last;
  }
  if (await devices.allReadPacks(layout, onShare)) run.removed = await removePacked(fs, layout, store, files, checked);
  return run;
}

/** Where the packs made from seq 1 on, one after another, end. */
function chainEnd(files: DeviceFiles): number {
  let seq = 1;
  for (let held = files.packHolding(seq); held; held = files.packHolding(seq)) seq = held.pack.last + 1;
  return seq - 1;
}

/**
 * The next pack after `packedTo`, written when at least PACK_AFTER_SEGMENTS flushed segments
 * follow it: each segment read and checked as a reader would, and every operation in it this
 * device's own, field for field (a clone's segment under this id is never packed).
 */
async function packNext(fs: ShareFs, layout: ShareLayout, store: PackStore, files: DeviceFiles, packedTo: number): Promise<PackName | null> {
  const me = store.deviceId;
  const chain = files.planFrom(packedTo).flatMap((source) => ('segment' in source && source.segment <= store.flushedSeq ? [source.segment] : []));
  if (chain.length < PACK_AFTER_SEGMENTS || chain[0] !== packedTo + 1) return null;
  const ahead = new ReadAhead(
    chain.map((first) => layout.segmentPath(me, first)),
    (path) => readOperationFile(reader(fs), path),
    6,
  );
  const bodies: Buffer[] = [];
  let bytes = 0;
  let ops = 0;
  let next = packedTo + 1;
  for (const first of chain) {
    if (first !== next || bytes >= PACK_TARGET_BYTES || ops >= PACK_TARGET_OPS) break;
    const file = await ahead.take(layout.segmentPath(me, first));
    const seg = file ? decodeSegment(file, me, first) : null;
    if (!seg?.ok || seg.header.last > store.flushedSeq || !seg.ops.every((op) => store.isOwn(op))) break;
    bodies.push(seg.body);
    bytes += seg.body.length;
    ops += seg.ops.length;
    next = seg.header.last + 1;
  }
  if (bodies.length < 2) return null;
  const name: PackName = { first: packedTo + 1, last: next - 1 };
  const written = await fs.writeNew(layout.packPath(me, packName(name)), encodePack(me, name.first, bodies, store.clockNow()));
  // Taken already: by this device before a crash (a rerun lists it), or by a clone of it, whose
  // pack no run here builds on.
  return written ? name : null;
}

/**
 * Packed segments whose pack is a week old, removed in order (first the oldest), after the pack
 * is read back whole and found to hold this device's own operations.
 */
async function removePacked(fs: ShareFs, layout: ShareLayout, store: PackStore, files: DeviceFiles, checked: Map<string, number>): Promise<number> {
  const me = store.deviceId;
  const cutoff = store.clockNow() - KEEP_PACKED_SEGMENTS_MS;
  let removed = 0;
  for (const pack of files.packs) {
    const inside = files.firsts.filter((first) => first >= pack.first && first <= pack.last);
    if (!inside.length) continue;
    const path = layout.packPath(me, packName(pack));
    const at = checked.get(path) ?? (await ownPackMadeAt(fs, path, store, pack));
    if (at !== null) checked.set(path, at);
    if (at == null || at > cutoff) continue;
    for (const first of inside) {
      if (removed >= REMOVALS_PER_RUN) return removed;
      // Gone already (a run cut off after it); any other failure ends the run, as the share's absence.
      await fs.unlink(layout.segmentPath(me, first)).catch((err: unknown) => {
        if (errorCode(err) !== 'ENOENT') throw err;
      });
      removed++;
    }
  }
  return removed;
}

/** When an own pack was made, read back whole; null when it is not whole or not all this device's own. */
async function ownPackMadeAt(fs: ShareFs, path: string, store: PackStore, pack: PackName): Promise<number | null> {
  const file = await readOperationFile(reader(fs), path);
  const decoded = file ? decodePack(file, store.deviceId, pack) : null;
  return decoded?.ok && decoded.ops.every((op) => store.isOwn(op)) ? packedAt(decoded.header) : null;
}

const reader = (fs: ShareFs) => (path: string, maxBytes: number) => readIfThere((p) => fs.readFile(p, maxBytes), path);
