import { rememberWholeSnapshot } from './snapshotWrite.js';
import { FileTooLarge, MAX_SNAPSHOT_BYTES } from './format/limits.js';
import { readerLimits } from './clockSkew.js';
import { join } from 'node:path';
import type { Operation } from '../../shared/ops/operations.js';
import type { ShareLayout } from './format/layout.js';
import type { DeviceFiles } from './format/deviceFiles.js';
import { segmentAt } from './format/deviceFiles.js';
import { decodePack } from './format/pack.js';
import { joinLines, lineRange } from '../store/batchLines.js';
import { isDeferred, readOperationFile, sourcePath } from './operationFiles.js';
import { ReadAhead } from './readAhead.js';
import type { SyncStore } from './syncStore.js';
import type { DecodedSegment } from './format/segment.js';
import { decodeSegment } from './format/segment.js';
import type { DecodedSnapshot, ShareSnapshot } from './format/shareSnapshot.js';
import { decodeSnapshot, parseSnapshotName } from './format/shareSnapshot.js';

export interface JoinContext {
  store: SyncStore;
  layout: ShareLayout;
  /** Each other device's log and packs folders, as a full scan lists them (read meanwhile: the snapshot does not wait for it). */
  listings: Promise<Map<string, DeviceFiles>>;
  /** The key a listed device's files must be signed with (null: it published none). */
  keyOf: (device: string) => string | null;
  /** The same for any device once its device.json is read; undefined when its files may not be read. */
  keyFor: (device: string) => Promise<string | null | undefined>;
  readdir: (path: string) => Promise<string[]>;
  /** A file's bytes, or null when it is not there. */
  read: (path: string, maxBytes: number) => Promise<Buffer | null>;
  readAhead: number;
  /** Called with how many files the join may read; answers what to call after each. */
  progress: (of: number) => () => void;
  /** The snapshot's queues are shown, before the history behind them is copied: the window reloads. */
  shown: () => void;
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
  // Said once the folders are listed (while the snapshot is read), counted per file copied.
  const listed = ctx.listings.then((files) => ({ files, tick: ctx.progress([...files.values()].reduce((n, f) => n + f.planFrom(0).length, 0)) }));
  listed.catch(() => undefined); // the pull awaits the listing too, and reports its failure
  for (const { name } of candidates.slice(0, TRIES)) {
    const decoded = await readSnapshot(ctx, name);
    if (!decoded) continue;
    if (!decoded.ok) {
      console.warn(`Interdesk: share snapshot ${name} passed over: ${decoded.reason}.`);
      continue;
    }
    const snapshot = decoded.snapshot;
    // With its configuration, the snapshot's queues and clocks are usable at once; the history follows.
    if (snapshot.config) {
      ctx.store.beginHistory(snapshot.entries, snapshot.people, snapshot.clock, snapshot.config);
      ctx.shown();
    }
    let problem: string | null;
    try {
      const { files, tick } = await listed;
      problem = await copyHistory(ctx, snapshot, files, tick);
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
  const writer = parseSnapshotName(name)?.device;
  const key = writer === undefined ? undefined : await ctx.keyFor(writer);
  if (key === undefined) return { ok: false, reason: 'its writer’s device.json has not arrived, or its device is refused' };
  const decoded = await decodeSnapshot(bytes, name, key);
  if (decoded.ok) rememberWholeSnapshot(join(ctx.layout.snapshotsDir, name), bytes.length);
  return decoded;
}

type Segment = Extract<DecodedSegment, { ok: true }>;

/** The history's lines into the local log; answers what stopped it, or null when all are in. */
async function copyHistory(ctx: JoinContext, snapshot: ShareSnapshot, files: Map<string, DeviceFiles>, tick: () => void): Promise<string | null> {
  // Only other devices' logs are listed: history under this device's own id (its data folder
  // lost, on a share where it could not take a new id) stops the join here too.
  const unlisted = snapshot.lines.find(([device]) => !files.has(device));
  if (unlisted) return `the log of ${unlisted[0]} is not on the share`;
  const deviceOf = new Map<string, string>();
  const plan = planReads(ctx.layout, snapshot, files, deviceOf);
  const ahead = new ReadAhead(plan, (path, early) => readOperationFile(ctx.read, path, early, ctx.keyOf(deviceOf.get(path)!)), ctx.readAhead, isDeferred);
  const current = new Map<string, Segment>();
  for (const [device, first, last] of snapshot.lines) {
    const ops: Operation[] = [];
    // The line's bytes, cut and joined from the files' lines: never written out again, so a
    // newer build's fields stay (a line is often several small segments, or part of a pack).
    const pieces: Buffer[] = [];
    for (let seq = first; seq <= last; ) {
      let seg = current.get(device);
      if (!seg || seq > seg.header.last || seq < seg.header.first) {
        const source = files.get(device)!.sourceFor(seq);
        if (!source) return `no file on the share holds ${device}:${seq}`;
        const path = sourcePath(ctx.layout, device, source);
        const file = await ahead.take(path);
        const decoded = !file
          ? null
          : 'pack' in source
            ? decodePack(file, device, source.pack, readerLimits(ctx.store, ctx.keyOf(device)))
            : decodeSegment(file, device, source.segment, readerLimits(ctx.store, ctx.keyOf(device)));
        if (!decoded?.ok) return `${path} cannot be used (${decoded ? decoded.reason : 'it is missing'})`;
        if (seq > decoded.header.last) return `the file holding ${device}:${seq} is not on the share`;
        current.set(device, (seg = decoded));
        tick();
      }
      const to = Math.min(last, seg.header.last);
      const skip = seq - seg.header.first;
      const count = to - seq + 1;
      if (skip === 0 && count === seg.ops.length) {
        for (const op of seg.ops) ops.push(op);
        pieces.push(seg.line);
      } else {
        for (let i = skip; i < skip + count; i++) ops.push(seg.ops[i]!);
        pieces.push(lineRange(seg.line, skip, count));
      }
      seq = to + 1;
    }
    ctx.store.appendHistory([device, first, last], ops, joinLines(pieces));
  }
  return null;
}

/** The files in the order the lines need them, for reading ahead. */
function planReads(layout: ShareLayout, snapshot: ShareSnapshot, files: Map<string, DeviceFiles>, deviceOf: Map<string, string>): string[] {
  const plan: string[] = [];
  const lastPlanned = new Map<string, string>();
  for (const [device, first, last] of snapshot.lines) {
    const f = files.get(device)!;
    for (let seq = first; seq <= last; ) {
      const source = f.sourceFor(seq);
      if (!source) break;
      const path = sourcePath(layout, device, source);
      if (lastPlanned.get(device) !== path) plan.push(path);
      deviceOf.set(path, device);
      lastPlanned.set(device, path);
      // A pack ends where its name says; a segment where the next one listed starts.
      if ('pack' in source) seq = source.pack.last + 1;
      else {
        const next = f.firsts[segmentAt(f.firsts, source.segment) + 1];
        if (next === undefined || next <= seq) break;
        seq = next;
      }
    }
  }
  return plan;
}
