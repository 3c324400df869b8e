import { MAX_SEGMENT_BYTES } from './format/limits.js';
import { join } from 'node:path';
import { ChangeSet } from '../../shared/core/changes.js';
import type { ChangedIds } from '../../shared/core/changes.js';
import type { DeviceDirectory } from './devices.js';
import type { ShareLayout } from './format/layout.js';
import { parseSegmentName, segmentFirsts } from './format/layout.js';
import type { DecodedSegment } from './format/segment.js';
import { readerLimits } from './clockSkew.js';
import { decodeSegment, readSegmentFile } from './format/segment.js';
import type { SyncProblems } from './problems.js';
import { ReadAhead } from './readAhead.js';
import { readIfThere } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import { joinFromSnapshot } from './snapshotJoin.js';
import type { SyncStore } from './syncStore.js';

/** Segments read ahead of the one being applied (each ≤ ~1 MB). */
const READ_AHEAD = 6;
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
}

/**
 * Reading (docs/sync.md §Reading, §Conflict copies): from every other device, the segments
 * after its cursor, in order. Answers the requests touched ([] for everything), or null for none.
 * A full scan also lists every log folder (for conflict copies), reads device.json files not
 * known yet, and lets an empty store join from a share snapshot.
 */
export async function pull(ctx: PullContext, layout: ShareLayout, fullScan: boolean, devices: readonly string[]): Promise<ChangedIds | null> {
  const { fs, store } = ctx;
  const touched = new ChangeSet();
  const read = (path: string, maxBytes: number) => readIfThere((p) => fs.readFile(p, maxBytes), path);
  const others = devices.filter((device) => device !== store.deviceId);
  // The listing also says which segments are coming, so they are read ahead, across devices.
  const [listings] = fullScan
    ? await Promise.all([ctx.devices.listLogs(layout, others), ctx.devices.readIdentities(layout, others)])
    : [new Map<string, string[]>()];
  const progress = (of: number) => (of >= PROGRESS_FROM_SEGMENTS ? ctx.progress(of) : () => undefined);
  if (fullScan && store.isEmpty && ctx.snapshots) {
    const held = store.opCount;
    await joinFromSnapshot({ store, layout, listings, readdir: (path) => fs.readdir(path), read, readAhead: READ_AHEAD, progress });
    // Joined, or given up part-way with the copied history folded: either way, many changes.
    if (store.opCount > held) touched.addEverything();
  }
  const planned = plannedSegments(store, layout, others, listings);
  const ahead = new ReadAhead(planned, (path) => readSegmentFile(read, path), READ_AHEAD);
  const applied = progress(planned.length);
  for (const device of others) {
    for (;;) {
      const first = store.maxSeq(device) + 1;
      const path = layout.segmentPath(device, first);
      const file = await ahead.take(path);
      const seg = file ? decodeSegment(file, device, first, readerLimits(store)) : null;
      if (seg?.ok) {
        ahead.hint(layout.segmentPath(device, seg.header.last + 1));
        ctx.problems.cleared(path);
        apply(ctx, device, seg, path, touched);
        applied();
        continue;
      }
      // A bad segment sends us looking for a whole copy of it, or for the segment its device wrote
      // beside it (a detour, docs/sync.md §Settling the own log): that device's folder is listed
      // on each sync while it stays stuck. A missing one is looked for only on full scans.
      if (seg && !seg.ok) ctx.problems.markBad(path, seg.newerFormat ? `${seg.reason}; update Interdesk to read it` : seg.reason, seg.whole);
      if (seg || fullScan) {
        if (await useConflictCopies(ctx, layout, device, touched, listings.get(device))) continue;
      }
      break;
    }
  }
  if (touched.isEmpty) return null;
  store.pulled();
  return touched.toIds();
}

function apply(ctx: PullContext, device: string, seg: Extract<DecodedSegment, { ok: true }>, source: string, touched: ChangeSet): void {
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
async function useConflictCopies(ctx: PullContext, layout: ShareLayout, device: string, touched: ChangeSet, listed?: string[]): Promise<boolean> {
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
    const seg = decodeSegment(bytes, device, parsed.first, readerLimits(store));
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

/** The segments a pull will read, in its order: per device, those after the cursor. */
function plannedSegments(store: SyncStore, layout: ShareLayout, devices: readonly string[], listings: Map<string, string[]>): string[] {
  return devices.flatMap((device) => {
    const cursor = store.maxSeq(device);
    return segmentFirsts(listings.get(device) ?? [])
      .filter((first) => first > cursor)
      .map((first) => layout.segmentPath(device, first));
  });
}
