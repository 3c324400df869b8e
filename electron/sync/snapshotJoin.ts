import { rememberWholeSnapshot } from './snapshotWrite.js';
import { FileTooLarge, MAX_SNAPSHOT_BYTES } from './format/limits.js';
import { readerLimits } from './clockSkew.js';
import { join } from 'node:path';
import type { Operation } from '../../shared/ops/operations.js';
import type { ShareLayout } from './format/layout.js';
import { segmentFirsts } from './format/layout.js';
import { ReadAhead } from './readAhead.js';
import type { SyncStore } from './syncStore.js';
import type { DecodedSegment } from './format/segment.js';
import { decodeSegment, readSegmentFile } from './format/segment.js';
import type { DecodedSnapshot, ShareSnapshot } from './format/shareSnapshot.js';
import { decodeSnapshot, parseSnapshotName } from './format/shareSnapshot.js';

export interface JoinContext {
  store: SyncStore;
  layout: ShareLayout;
  /** Each other device's log folder, as a full scan listed it. */
  listings: Map<string, string[]>;
  readdir: (path: string) => Promise<string[]>;
  /** A file's bytes, or null when it is not there. */
  read: (path: string, maxBytes: number) => Promise<Buffer | null>;
  readAhead: number;
  /** Called with how many segments the join may read; answers what to call after each. */
  progress: (of: number) => () => void;
}

/** A bad or unusable snapshot is passed over for the next; at most this many are read. */
const TRIES = 3;

/**
 * Joins an empty store from the newest usable share snapshot (docs/sync.md §Snapshots): the
 * snapshot's queue index, and the operations behind it copied from the segments into the local
 * log in the writer's line order, checked as any pulled segment is. When none can be used, the
 * pull reads the share from where the store stands, as without one.
 */
export async function joinFromSnapshot(ctx: JoinContext): Promise<void> {
  const names = await ctx.readdir(ctx.layout.snapshotsDir).catch(() => [] as string[]);
  const candidates = names.flatMap((name) => {
    const parsed = parseSnapshotName(name);
    return parsed ? [{ name, opCount: parsed.opCount }] : [];
  });
  candidates.sort((a, b) => b.opCount - a.opCount);
  if (!candidates.length) return;
  const firsts = new Map([...ctx.listings].map(([device, names]) => [device, segmentFirsts(names)]));
  // Said before the snapshot is read (a second or so at a million operations), counted per segment copied.
  const tick = ctx.progress([...firsts.values()].reduce((n, f) => n + f.length, 0));
  for (const { name } of candidates.slice(0, TRIES)) {
    const decoded = await readSnapshot(ctx, name);
    if (!decoded) continue;
    if (!decoded.ok) {
      console.warn(`Interdesk: share snapshot ${name} passed over: ${decoded.reason}.`);
      continue;
    }
    const snapshot = decoded.snapshot;
    let problem: string | null;
    try {
      problem = await copyHistory(ctx, snapshot, firsts, tick);
    } catch (err) {
      ctx.store.abandonHistory();
      throw err;
    }
    if (problem) {
      // What was copied is folded as a pull would have; the pull goes on from there.
      ctx.store.abandonHistory();
      console.warn(`Interdesk: share snapshot ${name} given up part-way (${problem}); reading the share instead.`);
      return;
    }
    // A queue that its own history contradicts is not taken: the history is folded instead.
    ctx.store.adoptIndex(snapshot.entries, snapshot.people, snapshot.clock);
    return;
  }
}

/** In a function of its own, so that the file's bytes can go once its contents are parsed. */
async function readSnapshot(ctx: JoinContext, name: string): Promise<DecodedSnapshot | null> {
  const bytes = await ctx.read(join(ctx.layout.snapshotsDir, name), MAX_SNAPSHOT_BYTES).catch((err: unknown) => {
    if (err instanceof FileTooLarge) return null;
    throw err;
  });
  if (!bytes) return null;
  const decoded = await decodeSnapshot(bytes, name);
  if (decoded.ok) rememberWholeSnapshot(join(ctx.layout.snapshotsDir, name), bytes.length);
  return decoded;
}

type Segment = Extract<DecodedSegment, { ok: true }>;

/** The history's lines into the local log; answers what stopped it, or null when all are in. */
async function copyHistory(ctx: JoinContext, snapshot: ShareSnapshot, firsts: Map<string, number[]>, tick: () => void): Promise<string | null> {
  // Only other devices' logs are listed: history under this device's own id (its data folder
  // lost, on a share where it could not take a new id) stops the join here too.
  const unlisted = snapshot.lines.find(([device]) => !firsts.has(device));
  if (unlisted) return `the log of ${unlisted[0]} is not on the share`;
  const plan = planReads(ctx.layout, snapshot, firsts);
  const ahead = new ReadAhead(plan, (path) => readSegmentFile(ctx.read, path), ctx.readAhead);
  const current = new Map<string, Segment>();
  for (const [device, first, last] of snapshot.lines) {
    let ops: Operation[] = [];
    let whole: Buffer | undefined;
    for (let seq = first; seq <= last; ) {
      let seg = current.get(device);
      if (!seg || seq > seg.header.last) {
        const f = firsts.get(device)!;
        const start = f[segmentAt(f, seq)];
        if (start === undefined) return `no segment on the share holds ${device}:${seq}`;
        const path = ctx.layout.segmentPath(device, start);
        const file = await ahead.take(path);
        const decoded = file ? decodeSegment(file, device, start, readerLimits(ctx.store)) : null;
        if (!decoded?.ok) return `${path} cannot be used (${decoded ? decoded.reason : 'it is missing'})`;
        if (seq > decoded.header.last) return `the segment holding ${device}:${seq} is not on the share`;
        current.set(device, (seg = decoded));
        tick();
      }
      const to = Math.min(last, seg.header.last);
      if (seq === seg.header.first && first === seq && to === last && to === seg.header.last) {
        ops = seg.ops;
        whole = seg.line;
      } else {
        ops.push(...seg.ops.slice(seq - seg.header.first, to - seg.header.first + 1));
      }
      seq = to + 1;
    }
    ctx.store.appendHistory([device, first, last], ops, whole);
  }
  return null;
}

/** Index of the last segment starting at or before `seq`, or -1. */
function segmentAt(firsts: readonly number[], seq: number): number {
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (firsts[mid]! <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The segment files in the order the lines need them, for reading ahead. */
function planReads(layout: ShareLayout, snapshot: ShareSnapshot, firsts: Map<string, number[]>): string[] {
  const plan: string[] = [];
  const lastPlanned = new Map<string, number>();
  for (const [device, first, last] of snapshot.lines) {
    const f = firsts.get(device)!;
    for (let k = Math.max(0, segmentAt(f, first)); k < f.length && f[k]! <= last; k++) {
      if (lastPlanned.get(device) === f[k]) continue;
      lastPlanned.set(device, f[k]!);
      plan.push(layout.segmentPath(device, f[k]!));
    }
  }
  return plan;
}
