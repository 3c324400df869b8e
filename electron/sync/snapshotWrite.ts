import { join } from 'node:path';
import type { Signer } from './format/signature.js';
import { parseOperationId } from '../../shared/ops/operations.js';
import { sha256 } from '../store/sha256.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
import type { SyncStore } from './syncStore.js';
import type { LineSource } from './format/shareSnapshot.js';
import { timeSlices } from '../store/timeSlices.js';
import { encodeSnapshot, isWholeSnapshot, parseSnapshotName, snapshotName } from './format/shareSnapshot.js';
import { MAX_SNAPSHOT_BYTES } from './format/limits.js';

/** A share gets a new snapshot each time it has this many operations more than its newest. */
export const SNAPSHOT_EVERY = 100_000;

/**
 * Whether this device takes its turn at writing the share's next snapshot. Two devices do,
 * picked by hashing each id with the newest snapshot's name, so every device that sees the same
 * share picks the same two and the choice moves on with each snapshot. If those two stay away,
 * each further SNAPSHOT_EVERY operations doubles how many devices take the turn, up to 8.
 */
export function snapshotTurn(opCount: number, newest: string | null, devices: readonly string[], me: string, every = SNAPSHOT_EVERY): boolean {
  const covered = newest ? (parseSnapshotName(newest)?.opCount ?? 0) : 0;
  const behind = opCount - covered;
  if (behind < every) return false;
  // At most 8: a share that never had a snapshot (its devices updated Interdesk) gets a few, not one per device.
  const writers = 2 ** Math.min(3, Math.floor(behind / every));
  const rank = (device: string) => sha256(`${newest ?? ''}/${device}`);
  const ranked = [...new Set([...devices, me])].map((device) => ({ device, key: rank(device) })).sort((a, b) => (a.key < b.key ? -1 : 1));
  return ranked.slice(0, writers).some((r) => r.device === me);
}

/** The snapshots a device may take as the share's count, newest first: one claiming more operations than it holds is ignored. */
export function referenceCandidates(names: readonly string[], opCount: number): string[] {
  return names
    .flatMap((name) => {
      const parsed = parseSnapshotName(name);
      return parsed && parsed.opCount <= opCount ? [{ name, opCount: parsed.opCount }] : [];
    })
    .sort((a, b) => b.opCount - a.opCount || (a.name < b.name ? -1 : 1))
    .map((c) => c.name);
}

/** Files already looked at, by path and size: a name is one content, so each is read once. */
const verdicts = new Map<string, boolean>();
const verdictKey = (path: string, size: number) => `${path}\u0000${size}`;

/** A snapshot a join has just decoded whole: no need to read it again to take it as the reference. */
export function rememberWholeSnapshot(path: string, size: number): void {
  verdicts.set(verdictKey(path, size), true);
}

/**
 * The newest snapshot that is whole (SnapshotFile checks, not just a name): a name alone is not
 * trusted for the share's count, or an empty file named like a big snapshot would stop everyone
 * from writing the next one. At most three files are looked at per scan.
 */
async function newestWholeSnapshot(fs: ShareFs, layout: ShareLayout, names: readonly string[], opCount: number): Promise<string | null> {
  for (const name of referenceCandidates(names, opCount).slice(0, 3)) {
    const path = join(layout.snapshotsDir, name);
    const stat = await fs.stat(path).catch(() => null);
    if (!stat) continue;
    const key = verdictKey(path, stat.size);
    let whole = verdicts.get(key);
    if (whole === undefined) {
      const bytes = await fs.readFile(path, MAX_SNAPSHOT_BYTES).catch(() => null);
      whole = !!bytes && (await isWholeSnapshot(bytes, name));
      verdicts.set(key, whole);
    }
    if (whole) return name;
  }
  return null;
}

/** A snapshot being written for longer than this was abandoned (its writer quit or lost the share). */
const ABANDONED_AFTER_MS = 60 * 60_000;

/**
 * In-flight files of snapshots whose writers never finished: 83 MB each at 1M operations, and
 * readers ignore them, so nobody else would ever remove them. A write takes seconds; one older
 * than an hour is not coming back.
 */
export async function removeAbandoned(fs: ShareFs, dir: string, now: number, listed?: readonly string[]): Promise<void> {
  for (const name of listed ?? (await fs.readdir(dir))) {
    if (!name.startsWith('.tmp-')) continue;
    const path = join(dir, name);
    const stat = await fs.stat(path).catch(() => null);
    if (stat && now - stat.mtimeMs > ABANDONED_AFTER_MS) await fs.unlink(path).catch(() => undefined);
  }
}

/**
 * The store's log, line by line, as the snapshot names it; null when a line is not one device's
 * next run of operations (a conflict copy merged out of order): then no snapshot this time.
 * Reads the log in slices, so the app stays responsive.
 */
async function lineSources(store: SyncStore): Promise<LineSource[] | null> {
  const out: LineSource[] = [];
  const next = new Map<string, number>();
  const slice = timeSlices();
  for (let line = 0; line < store.lineCount; line++) {
    const ops = store.line(line);
    if (!ops.length) return null;
    const { deviceId, seq } = parseOperationId(ops[0]!.id);
    if (seq !== (next.get(deviceId) ?? 1)) return null;
    for (let i = 1; i < ops.length; i++) if (ops[i]!.id !== `${deviceId}:${seq + i}`) return null;
    next.set(deviceId, seq + ops.length);
    out.push([deviceId, seq, seq + ops.length - 1]);
    await slice();
  }
  return out;
}

/**
 * Writes a snapshot of everything this device holds to the share, when all of it is there (no
 * outbox, no join under way). Answers its name, or null when it was not the moment. Afterwards
 * this device's own older snapshots are removed; nobody else's are touched.
 */
export async function writeSnapshot(fs: ShareFs, layout: ShareLayout, store: SyncStore, sign: Signer): Promise<string | null> {
  if (store.pendingCount > 0 || store.joining) return null;
  const lines = await lineSources(store);
  // From here to the encoding nothing awaits: the index and the lines are of the same moment.
  if (!lines || store.pendingCount > 0 || store.joining || lines.length !== store.lineCount) return null;
  const opCount = store.opCount;
  const name = snapshotName(opCount, store.deviceId);
  const snapshot = {
    device: store.deviceId,
    opCount,
    lines,
    people: store.index.dumpPeople(),
    clock: store.latestClock,
    entries: store.index.dump(),
    config: store.configOperations(),
  };
  // Entries are serialised piece by piece as the file is written, and a local change folded in
  // meanwhile would put an operation in them that the lines do not hold: then the file is dropped
  // before it gets its name. (Pulls wait: this runs inside a sync cycle.)
  function* unlessChanged(pieces: Iterable<Buffer>) {
    for (const piece of pieces) {
      if (store.opCount !== opCount) throw new Error('a change was made while it was written');
      yield piece;
    }
  }
  await fs.mkdir(layout.snapshotsDir);
  // The share's time, as this device's clock corrected by what the sync measured.
  await removeAbandoned(fs, layout.snapshotsDir, store.clockNow());
  try {
    await fs.writeNew(join(layout.snapshotsDir, name), unlessChanged(encodeSnapshot(snapshot, sign)));
  } catch (err) {
    if (store.opCount !== opCount) return null;
    throw err;
  }
  for (const old of await fs.readdir(layout.snapshotsDir)) {
    const parsed = parseSnapshotName(old);
    if (parsed && parsed.device === store.deviceId && parsed.opCount < opCount) await fs.unlink(join(layout.snapshotsDir, old)).catch(() => undefined);
  }
  return name;
}

/** Writes the share's next snapshot when it is due and this device's turn (docs/sync.md §Snapshots). */
export async function snapshotInTurn(
  fs: ShareFs,
  layout: ShareLayout,
  store: SyncStore,
  sign: Signer,
  devices: readonly string[],
  every = SNAPSHOT_EVERY,
): Promise<void> {
  if (store.opCount < every || store.pendingCount > 0 || store.joining) return;
  const names = await fs.readdir(layout.snapshotsDir).catch(() => []);
  if (!snapshotTurn(store.opCount, await newestWholeSnapshot(fs, layout, names, store.opCount), devices, store.deviceId, every)) return;
  await writeSnapshot(fs, layout, store, sign).catch((err: unknown) => console.warn('Interdesk: no share snapshot written', err));
}
