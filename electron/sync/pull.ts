import { MAX_SEGMENT_BYTES } from './format/limits.js';
import { isDeferred, readOperationFile, sourcePath } from './operationFiles.js';
import { join } from 'node:path';
import { ChangeSet } from '../../shared/core/changes.js';
import type { ChangedIds } from '../../shared/core/changes.js';
import type { DeviceDirectory } from './devices.js';
import type { ShareLayout } from './format/layout.js';
import { parseSegmentName } from './format/layout.js';
import type { DeviceFiles } from './format/deviceFiles.js';
import { decodePack } from './format/pack.js';
import type { DecodedSegment, SegmentFile } from './format/segment.js';
import { joinLines, lineFrom } from '../store/batchLines.js';
import { readerLimits } from './clockSkew.js';
import { decodeSegment } from './format/segment.js';
import type { SyncProblems } from './problems.js';
import { ReadAhead } from './readAhead.js';
import { readerOf } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import { joinFromSnapshot } from './snapshotJoin.js';
import type { SyncStore } from './syncStore.js';

/** Files read ahead of the one being applied (each at most READ_AHEAD_BYTES while ahead): a slow share's round trips overlap. */
const READ_AHEAD = 16;
/** Segments read in a row are applied together up to this many operations or bytes of log line. */
const BATCH_OPS = 20_000;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Bad packs of one device a pull passes over before it reads segments only (each costs a read). */
const MAX_BAD_PACKS = 3;
/** A pull planned to apply at least this many segment files says how far it is. */
const PROGRESS_FROM_SEGMENTS = 20;

export interface PullContext {
  fs: ShareFs;
  store: SyncStore;
  devices: DeviceDirectory;
  problems: SyncProblems;
  /** Share snapshots are joined from when the store is empty. */
  snapshots: boolean;
  /** Called with how many segments a long pull will apply; answers what to call after each. */
  progress: (of: number) => () => void;
  /** What a pull changed before it ends (a joined snapshot's queues): [] for everything. */
  ingested: (ids: ChangedIds) => void;
}

/**
 * Reading (docs/sync.md §Reading, §Packs, §Conflict copies): from every other device, the
 * operations after its cursor, in order. Answers the requests touched ([] for everything), or
 * null for none. A full scan also lists every log and packs folder (for packs and conflict
 * copies), reads device.json files not known yet, and lets an empty store join from a share
 * snapshot.
 */
export async function pull(ctx: PullContext, layout: ShareLayout, fullScan: boolean, devices: readonly string[]): Promise<ChangedIds | null> {
  const { fs, store } = ctx;
  const touched = new ChangeSet();
  const read = readerOf(fs);
  // Devices whose files may be read, and the key they must be signed with (docs/sync.md §Trust).
  const keys = new Map<string, string | null>();
  const candidates = devices.filter((device) => device !== store.deviceId);
  const trusted = (fullScan ? ctx.devices.readIdentities(layout, candidates) : Promise.resolve()).then(() => settleTrust(ctx, layout, candidates, keys));
  // The listing also says which files are coming, so they are read ahead, across devices.
  const listing = fullScan
    ? Promise.all([ctx.devices.listLogs(layout, candidates), trusted]).then(([listed]) => new Map([...listed].filter(([device]) => keys.has(device))))
    : trusted.then(() => new Map<string, DeviceFiles>());
  const progress = (of: number) => (of >= PROGRESS_FROM_SEGMENTS ? ctx.progress(of) : () => undefined);
  if (fullScan && store.isEmpty && ctx.snapshots) {
    const held = store.opCount;
    const join = {
      store,
      layout,
      listings: listing,
      keyOf: (device: string) => keys.get(device) ?? null,
      keyFor: (device: string) => trusted.then(() => (keys.has(device) ? keys.get(device) : undefined)),
      readdir: (path: string) => fs.readdir(path),
      read,
      readAhead: READ_AHEAD,
      progress,
      shown: () => ctx.ingested([]),
    };
    await joinFromSnapshot(join);
    // Joined, or given up part-way with the copied history folded: either way, many changes.
    if (store.opCount > held) touched.addEverything();
  }
  const listings = await listing;
  await trusted;
  const others = candidates.filter((device) => keys.has(device));
  const keyOfPath = new Map<string, string | null>();
  const planned = others.flatMap((device) =>
    (listings.get(device)?.planFrom(store.maxSeq(device)) ?? []).map((source) => {
      const path = sourcePath(layout, device, source);
      keyOfPath.set(path, keys.get(device)!);
      return path;
    }),
  );
  const ahead = new ReadAhead(planned, (path, early) => readOperationFile(read, path, early, keyOfPath.get(path) ?? null), READ_AHEAD, isDeferred);
  const applied = progress(planned.length);
  for (const device of others) await pullDevice(ctx, layout, device, keys.get(device)!, listings.get(device), ahead, touched, applied, fullScan);
  if (touched.isEmpty) return null;
  store.pulled();
  return touched.toIds();
}

/** Which devices may be read now, into `keys` with the key their files need; the others are reported. */
async function settleTrust(ctx: PullContext, layout: ShareLayout, devices: readonly string[], keys: Map<string, string | null>): Promise<void> {
  const trusts = await Promise.all(devices.map((device) => ctx.devices.trust(layout, device)));
  devices.forEach((device, i) => {
    const trust = trusts[i]!;
    const file = layout.deviceFile(device);
    if (trust.state === 'refused') return ctx.problems.markBad(file, trust.reason, true);
    if (trust.state === 'waiting') return ctx.problems.markBad(file, trust.reason, trust.whole);
    ctx.problems.cleared(file);
    keys.set(device, trust.state === 'keyed' ? trust.key : null);
  });
}

/**
 * One device's operations after the cursor: from a pack that holds the next one (known from a
 * full scan's listing), else segment after segment by name. Segments read in a row are applied
 * as one batch (one log line, one fold, one event), however many small saves they were.
 */
async function pullDevice(
  ctx: PullContext,
  layout: ShareLayout,
  device: string,
  key: string | null,
  files: DeviceFiles | undefined,
  ahead: ReadAhead<SegmentFile | null>,
  touched: ChangeSet,
  applied: () => void,
  fullScan: boolean,
): Promise<void> {
  const { store, problems } = ctx;
  const limits = readerLimits(store, key);
  const badPacks = new Set<string>();
  let batch: Segment[] = [];
  let batchOps = 0;
  let batchBytes = 0;
  const flush = () => {
    if (!batch.length) return;
    apply(ctx, device, batched(batch), layout.segmentPath(device, batch[0]!.header.first), touched);
    batch = [];
    batchOps = 0;
    batchBytes = 0;
  };
  for (let next = store.maxSeq(device) + 1; ; ) {
    // A few bad packs are passed over for the next best; then the segments, as ever.
    const held = badPacks.size < MAX_BAD_PACKS ? files?.packHolding(next, badPacks) : null;
    if (held) {
      const path = layout.packPath(device, held.name);
      const file = await ahead.take(path);
      const pack = file ? decodePack(file, device, held.pack, limits) : null;
      if (pack?.ok) {
        flush();
        problems.cleared(path);
        apply(ctx, device, from(pack, next), path, touched);
        applied();
        next = pack.header.last + 1;
        continue;
      }
      // A bad pack (or one gone since the listing): another that holds the operation, else the
      // segments it was made of, if they are still there.
      badPacks.add(held.name);
      if (pack && !pack.ok) problems.markBad(path, pack.reason, pack.whole);
      continue;
    }
    const path = layout.segmentPath(device, next);
    const file = await ahead.take(path);
    const seg = file ? decodeSegment(file, device, next, limits) : null;
    if (seg?.ok) {
      ahead.hint(layout.segmentPath(device, seg.header.last + 1));
      problems.cleared(path);
      batch.push(seg);
      batchOps += seg.ops.length;
      batchBytes += seg.line.length;
      if (batchOps >= BATCH_OPS || batchBytes >= BATCH_BYTES) flush();
      applied();
      next = seg.header.last + 1;
      continue;
    }
    flush();
    // A bad segment sends us looking for a whole copy of it, or for the segment its device wrote
    // beside it (a detour, docs/sync.md §Settling the own log): that device's folder is listed
    // on each sync while it stays stuck. A missing one is looked for only on full scans.
    if (seg && !seg.ok) problems.markBad(path, seg.newerFormat ? `${seg.reason}; update Interdesk to read it` : seg.reason, seg.whole);
    if ((seg || fullScan) && (await useConflictCopies(ctx, layout, device, key, touched, files?.logNames))) {
      next = store.maxSeq(device) + 1;
      continue;
    }
    return;
  }
}

type Segment = Extract<DecodedSegment, { ok: true }>;
/** Operations to apply: a segment, several in a row, or the part of a pack after the cursor. */
type Run = Pick<Segment, 'header' | 'ops' | 'line'>;

/** Segments that follow one another, as one. */
function batched(segs: Segment[]): Run {
  if (segs.length === 1) return segs[0]!;
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  return { header: { ...first.header, last: last.header.last }, ops: segs.flatMap((s) => s.ops), line: joinLines(segs.map((s) => s.line)) };
}

/** The part of a pack from operation `seq` on (a reader holding its start). */
function from(pack: Segment, seq: number): Run {
  const skip = seq - pack.header.first;
  if (skip === 0) return pack;
  return { header: { ...pack.header, first: seq }, ops: pack.ops.slice(skip), line: lineFrom(pack.line, skip) };
}

function apply(ctx: PullContext, device: string, seg: Run, source: string, touched: ChangeSet): void {
  const { store } = ctx;
  const result = store.ingestNext(device, seg.header.first, seg.ops, seg.line) ? { applied: seg.ops, contradictions: [] } : store.ingest(seg.ops, seg.line);
  for (const op of result.applied) touched.add(op.target);
  if (result.contradictions.length) {
    ctx.problems.quarantine(
      source,
      `${source} contradicts operations already applied (${result.contradictions.length} of them); it was set aside and not applied.`,
    );
  }
}

/**
 * Conflict copies made by Syncthing, Dropbox or OneDrive are segments like any other:
 * identical ⇒ nothing new; valid ⇒ merged by operation id; contradictory ⇒ set aside.
 * Answers whether one moved the device's cursor.
 */
async function useConflictCopies(
  ctx: PullContext,
  layout: ShareLayout,
  device: string,
  key: string | null,
  touched: ChangeSet,
  listed?: readonly string[],
): Promise<boolean> {
  const { fs, store, problems } = ctx;
  const names = listed ?? (await fs.readdir(layout.logDir(device)).catch(() => null));
  if (!names) return false;
  const before = store.maxSeq(device);
  for (const name of names) {
    const parsed = parseSegmentName(name);
    if (!parsed?.conflict || parsed.first > before + 1) continue;
    const path = join(layout.logDir(device), name);
    if (problems.isQuarantined(path)) continue;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path, MAX_SEGMENT_BYTES);
    } catch {
      continue;
    }
    const seg = decodeSegment(bytes, device, parsed.first, readerLimits(store, key));
    if (!seg.ok) {
      problems.markBad(path, seg.reason, seg.whole);
      continue;
    }
    problems.cleared(path);
    apply(ctx, device, seg, path, touched);
  }
  if (store.maxSeq(device) > before) problems.cleared(layout.segmentPath(device, before + 1));
  return store.maxSeq(device) > before;
}
