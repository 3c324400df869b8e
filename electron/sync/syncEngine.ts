import { randomUUID } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { CHANGED_ROWS_LIMIT } from '../../shared/contract/api.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';
import { INITIAL_SYNC_STATUS } from '../../shared/core/syncStatus.js';
import type { RequestStore } from '../store/requestStore.js';
import type { BlobStore } from '../store/blobs.js';
import { sha256 } from '../store/sha256.js';
import type { Operation } from '../../shared/ops/operations.js';
import { FORMAT_MAJOR, FORMAT_MINOR, ShareLayout, parseSegmentName, segmentFirsts } from './layout.js';
import { ReadAhead } from './readAhead.js';
import { joinFromSnapshot } from './snapshotJoin.js';
import { SNAPSHOT_EVERY, newestSnapshot, snapshotTurn, writeSnapshot } from './snapshotWrite.js';
import type { DecodedSegment } from './segment.js';
import { decodeSegment, encodeSegment, readSegmentFile } from './segment.js';
import type { ShareFs } from './shareFs.js';
import { realShareFs } from './shareFs.js';

export interface SyncEngineOptions {
  store: RequestStore;
  /** Read before every cycle: the user may set or change it at any time. */
  sharePath: () => string | null;
  /** Attachments' bytes on this computer: copied to the share before the operations that name them. */
  blobs?: BlobStore;
  /** Who this device is, for its device.json. */
  identity: () => { user: string; department: string } | null;
  onIngested?: (requestIds: string[]) => void;
  onStatus?: (status: SyncStatus) => void;
  onDeviceIdChanged?: (deviceId: string) => void;
  fs?: ShareFs;
  now?: () => number;
  /** Polling interval; a file watcher triggers sooner where the file system reports changes. */
  pollMs?: number;
  /** How long a change waits to be batched with the next ones before it is written. */
  flushDelayMs?: number;
  /** How long a bad segment is retried quietly before it is reported. */
  reportAfterMs?: number;
  /** Every how many cycles a full listing looks for conflict copies. */
  fullScanEvery?: number;
  watch?: boolean;
  /** Share snapshots: joined from when this store is empty, and written in turn. On unless false. */
  snapshots?: boolean;
  /** Operations beyond the newest share snapshot that make another one due (tests make it small). */
  snapshotEvery?: number;
}

interface ShareFormat {
  format: 'interdesk-share';
  major: number;
  minor: number;
  shareId: string;
  createdAt: string;
}

const MAX_OPS_PER_SEGMENT = 5_000;
/** Segments read ahead of the one being applied (each ≤ ~1 MB). */
const READ_AHEAD = 6;
/** A pull planned to apply at least this many segment files says how far it is. */
const PROGRESS_FROM_SEGMENTS = 20;
const PROGRESS_EVERY_MS = 250;
const MANY = '\u0000many';
const SKEW_TOLERANCE_MS = 2 * 60_000;
const OFFLINE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EIO', 'ENOTCONN', 'ESTALE', 'EHOSTDOWN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENXIO', 'ENODEV']);
const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

class ShareUnavailable extends Error {}
class ShareReadOnly extends Error {}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? '';

/**
 * Moves operations between the local store and the shared folder, as docs/sync.md specifies.
 * Cycles never overlap; each pushes the outbox, then pulls what is new from every device.
 */
export class SyncEngine {
  private status: SyncStatus = { ...INITIAL_SYNC_STATUS };
  private readonly fs: ShareFs;
  private readonly now: () => number;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private watchedRoot: string | null = null;
  private cycles = 0;
  /** Until start(): cycles run only when asked for (syncNow), never by timer. */
  private stopped = true;
  /** Bad files by path: when first seen and why; reported once older than reportAfterMs. */
  private readonly bad = new Map<string, { since: number; reason: string }>();
  private readonly quarantined = new Map<string, string>();
  private readonly notes: string[] = [];
  private skewKnown = false;
  /** Who each other device on the share is, from its device.json (written once, so read once). */
  private readonly identities = new Map<string, { user: string; department: string }>();
  /** The share root and device id whose folder and device.json exist: written once, not every cycle. */
  private deviceReady: string | null = null;
  private closed = false;
  private inCycle = false;

  constructor(private readonly opts: SyncEngineOptions) {
    this.fs = opts.fs ?? realShareFs;
    this.now = opts.now ?? Date.now;
  }

  get current(): SyncStatus {
    return this.status;
  }

  /** A cycle is under way: what the store holds may be half of what the share is bringing. */
  get busy(): boolean {
    return this.inCycle;
  }

  start(): void {
    this.stopped = false;
    void this.syncNow();
    const poll = () => {
      this.timer = setTimeout(() => void this.syncNow().finally(() => !this.stopped && poll()), this.opts.pollMs ?? 3_000);
    };
    poll();
  }

  stop(): void {
    this.stopped = true;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.unwatch();
  }

  /** A local change was committed: write it out soon, together with whatever follows it. */
  notifyLocalChange(): void {
    this.publish({ ...this.status, pending: this.opts.store.pendingCount });
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.syncNow();
    }, this.opts.flushDelayMs ?? 150);
  }

  /** Runs a cycle after the one under way (at most one waits; callers share it). */
  syncNow(): Promise<SyncStatus> {
    if (!this.queued) {
      this.queued = this.running.then(() => {
        this.queued = null;
        this.inCycle = true;
        this.running = this.cycle().finally(() => (this.inCycle = false));
        return this.running;
      });
    }
    return this.queued.then(() => this.status);
  }

  private async cycle(): Promise<void> {
    const sharePath = this.opts.sharePath();
    const store = this.opts.store;
    if (!sharePath) return this.publish({ ...INITIAL_SYNC_STATUS, pending: store.pendingCount });
    const layout = new ShareLayout(sharePath);
    this.cycles++;
    try {
      const format = await this.openShare(sharePath, layout);
      if (format.major > FORMAT_MAJOR) {
        return this.publish({
          ...this.status,
          state: 'newer_format',
          pending: store.pendingCount,
          detail: `The shared folder was set up by a newer Interdesk (format ${format.major}.${format.minor}). This copy only reads its local data and writes nothing there; update Interdesk to sync again.`,
        });
      }
      this.watchShare(layout);
      let readOnly: string | null = null;
      try {
        await this.push(layout);
      } catch (err) {
        if (!(err instanceof ShareReadOnly)) throw err;
        readOnly = err.message;
      }
      const fullScan = this.cycles === 1 || this.cycles % (this.opts.fullScanEvery ?? 20) === 0;
      const devices = await this.listDevices(layout);
      const ingested = await this.pull(layout, fullScan, devices);
      if (ingested) this.opts.onIngested?.(ingested);
      if (fullScan && !readOnly && this.opts.snapshots !== false) await this.snapshotInTurn(layout, devices);
      const at = new Date(this.now()).toISOString();
      this.publish({
        ...this.status,
        receiving: null,
        state: readOnly ? 'read_only' : 'synced',
        detail: readOnly,
        lastSyncAt: at,
        offlineSince: null,
        pending: store.pendingCount,
        problems: this.problems(),
      });
    } catch (err) {
      if (this.closed) return; // stopped mid-cycle: the store is closing, nothing to report
      this.deviceReady = null; // the share may come back without our folder
      this.unwatch(); // re-armed when the share is back: a watcher on a vanished folder stays silent
      if (!(err instanceof ShareUnavailable) && !OFFLINE_CODES.has(code(err))) {
        console.error('Interdesk sync: cycle failed', err);
      }
      this.publish({
        ...this.status,
        receiving: null,
        state: 'offline',
        offlineSince: this.status.offlineSince ?? new Date(this.now()).toISOString(),
        pending: store.pendingCount,
        detail:
          err instanceof ShareUnavailable
            ? err.message
            : `The shared folder could not be read (${code(err) || (err as Error).message}). Changes are kept on this computer and sent when it is back.`,
        problems: this.problems(),
      });
    }
  }

  /** The share's format.json, created on first use; a missing one on a known share means "not there". */
  private async openShare(sharePath: string, layout: ShareLayout): Promise<ShareFormat> {
    try {
      if (!(await this.fs.stat(sharePath)).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new ShareUnavailable(`The shared folder ${sharePath} is not reachable. Changes are kept on this computer and sent when it is back.`);
    }
    const existing = await this.readFormat(layout);
    if (existing) return this.adoptShare(existing);
    if (this.opts.store.shareId) {
      throw new ShareUnavailable(
        `The shared folder ${sharePath} looks empty (${layout.formatFile} is missing): it may not be mounted, or was emptied. Nothing was deleted here; changes wait until it is back.`,
      );
    }
    const created: ShareFormat = {
      format: 'interdesk-share',
      major: FORMAT_MAJOR,
      minor: FORMAT_MINOR,
      shareId: randomUUID(),
      createdAt: new Date(this.now()).toISOString(),
    };
    try {
      await this.fs.mkdir(layout.devicesDir);
      await this.fs.writeNew(layout.formatFile, Buffer.from(JSON.stringify(created, null, 2)));
    } catch (err) {
      if (READ_ONLY_CODES.has(code(err)))
        throw new ShareUnavailable(`Interdesk cannot create its folder in ${sharePath} (read-only). Choose a folder you can write to.`);
      throw err;
    }
    // Another device may have won the race to create it: whatever is there now is the share.
    return this.adoptShare((await this.readFormat(layout)) ?? created);
  }

  private async readFormat(layout: ShareLayout): Promise<ShareFormat | null> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(layout.formatFile);
    } catch (err) {
      if (code(err) === 'ENOENT') return null;
      throw err;
    }
    try {
      const f = JSON.parse(bytes.toString('utf8')) as ShareFormat;
      if (f.format === 'interdesk-share' && Number.isInteger(f.major) && typeof f.shareId === 'string') return f;
    } catch {
      // fall through: a half-arrived format.json
    }
    throw new ShareUnavailable(`${layout.formatFile} is unreadable (still arriving?). Sync waits for it.`);
  }

  private adoptShare(format: ShareFormat): ShareFormat {
    this.opts.store.joinShare(format.shareId);
    return format;
  }

  private async push(layout: ShareLayout): Promise<void> {
    const store = this.opts.store;
    const writing = async <T>(op: () => Promise<T>): Promise<T> => {
      try {
        return await op();
      } catch (err) {
        if (READ_ONLY_CODES.has(code(err))) {
          throw new ShareReadOnly(
            `Interdesk cannot write to the shared folder (${code(err)}). Changes are kept on this computer; ask for write access, or choose another folder.`,
          );
        }
        throw err;
      }
    };
    const me = `${layout.root}\u0000${store.deviceId}`;
    if (this.deviceReady !== me) {
      await writing(() => this.ensureDevice(layout));
      this.deviceReady = me;
    }
    if (!this.skewKnown) await writing(() => this.probeSkew(layout));
    await this.settleOwnLog(layout);
    for (let pending = store.pending(); pending.length > 0; pending = store.pending()) {
      const batch = pending.slice(0, MAX_OPS_PER_SEGMENT);
      const first = store.flushedSeq + 1;
      const path = layout.segmentPath(store.deviceId, first);
      await writing(() => this.pushBlobs(layout, batch));
      const written = await writing(() => this.fs.writeNew(path, encodeSegment(store.deviceId, batch)));
      if (!written) {
        await this.settleOwnLog(layout);
        continue;
      }
      store.markFlushed(first + batch.length - 1);
      await this.measureSkew(path);
    }
  }

  /** Every attachment a batch names reaches the share before the batch, so no reader sees a file that is not there. */
  private async pushBlobs(layout: ShareLayout, batch: readonly Operation[]): Promise<void> {
    const hashes = batch.flatMap((op) => (op.type === 'request.attach' ? [op.fields.sha256] : []));
    if (!hashes.length || !this.opts.blobs) return;
    await this.fs.mkdir(layout.blobsDir);
    for (const hash of hashes) {
      const bytes = this.opts.blobs.get(hash);
      // Content-addressed: a file already there under this name is this file (a reader checks the hash).
      if (bytes) await this.fs.writeNew(layout.blobPath(hash), bytes);
    }
  }

  /** An attachment's bytes from the share, checked against their hash; null when they have not arrived (yet). */
  async fetchBlob(hash: string): Promise<Buffer | null> {
    const sharePath = this.opts.sharePath();
    if (!sharePath) return null;
    try {
      const bytes = await this.fs.readFile(new ShareLayout(sharePath).blobPath(hash));
      return sha256(bytes) === hash ? bytes : null;
    } catch {
      return null;
    }
  }

  private async ensureDevice(layout: ShareLayout): Promise<void> {
    const id = this.opts.store.deviceId;
    await this.fs.mkdir(layout.logDir(id));
    const who = this.opts.identity();
    const device = { deviceId: id, user: who?.user ?? null, department: who?.department ?? null, createdAt: new Date(this.now()).toISOString() };
    await this.fs.writeNew(layout.deviceFile(id), Buffer.from(JSON.stringify(device, null, 2)));
  }

  /**
   * Segments under our own id beyond what we know we flushed: ours (written just before a crash)
   * or another machine's with the same id (a clone, a restored backup) — then we take a new id.
   */
  private async settleOwnLog(layout: ShareLayout): Promise<void> {
    const store = this.opts.store;
    for (;;) {
      const first = store.flushedSeq + 1;
      let bytes: Buffer;
      try {
        bytes = await this.fs.readFile(layout.segmentPath(store.deviceId, first));
      } catch (err) {
        if (code(err) === 'ENOENT') return;
        throw err;
      }
      const seg = decodeSegment(bytes, store.deviceId, first);
      if (seg.ok && seg.ops.every((op) => store.isOwn(op))) {
        store.markFlushed(seg.header.last);
        continue;
      }
      const old = store.deviceId;
      const fresh = store.reidentify();
      this.notes.push(
        `Another computer was writing as this one (a copy of this installation, or a restored backup). This computer now syncs as ${fresh.slice(0, 8)}; nothing was lost.`,
      );
      console.warn(`Interdesk sync: device id ${old} is in use elsewhere; now ${fresh}.`);
      this.opts.onDeviceIdChanged?.(fresh);
      await this.ensureDevice(layout);
    }
  }

  /** Before the first write: a throwaway file tells the share's time. */
  private async probeSkew(layout: ShareLayout): Promise<void> {
    const probe = join(layout.deviceDir(this.opts.store.deviceId), `.tmp-clock-${randomUUID()}`);
    await this.fs.writeNew(probe, Buffer.alloc(0));
    await this.measureSkew(probe);
    await this.fs.unlink(probe).catch(() => undefined);
  }

  /** Compares the local clock with the time the share stamped on a file we just wrote. */
  private async measureSkew(path: string): Promise<void> {
    const { mtimeMs } = await this.fs.stat(path);
    const skew = Math.round(this.now() - mtimeMs);
    this.skewKnown = true;
    if (Math.abs(skew) > SKEW_TOLERANCE_MS) {
      this.opts.store.setClockCorrection(-skew);
      this.status = { ...this.status, clockSkewMs: skew };
    } else {
      this.opts.store.setClockCorrection(0);
      this.status = { ...this.status, clockSkewMs: null };
    }
  }

  /** Reads, from every other device, the segments after its cursor; answers the requests touched, [] for many, or null for none. */
  private async pull(layout: ShareLayout, fullScan: boolean, devices: readonly string[]): Promise<string[] | null> {
    const store = this.opts.store;
    const touched = new Set<string>();
    const read = (path: string): Promise<Buffer | null> =>
      this.fs.readFile(path).catch((err: unknown) => {
        if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return null;
        throw err;
      });
    const others = devices.filter((device) => device !== store.deviceId);
    // A full scan lists every log folder anyway (for conflict copies): the listing also says which
    // segments are coming, so they are read ahead, across devices.
    const [listings] = fullScan ? await Promise.all([this.listLogs(layout, others), this.readIdentities(layout, others)]) : [new Map<string, string[]>()];
    if (fullScan && store.isEmpty && this.opts.snapshots !== false) {
      const held = store.opCount;
      await joinFromSnapshot({
        store,
        layout,
        listings,
        readdir: (path) => this.fs.readdir(path),
        read,
        readAhead: READ_AHEAD,
        progress: (of) => (of >= PROGRESS_FROM_SEGMENTS ? this.progress(of) : () => undefined),
      });
      // Joined, or given up part-way with the copied history folded: either way, many changes.
      if (store.opCount > held) touched.add(MANY);
    }
    const planned = this.plannedSegments(layout, others, listings);
    const ahead = new ReadAhead(planned, (path) => readSegmentFile(read, path), READ_AHEAD);
    const progress = planned.length >= PROGRESS_FROM_SEGMENTS ? this.progress(planned.length) : null;
    for (const device of others) {
      for (;;) {
        const first = store.maxSeq(device) + 1;
        const path = layout.segmentPath(device, first);
        const file = await ahead.take(path);
        const seg = file ? decodeSegment(file, device, first) : null;
        if (seg?.ok) {
          ahead.hint(layout.segmentPath(device, seg.header.last + 1));
          this.bad.delete(path);
          this.apply(device, seg, path, touched);
          progress?.();
          continue;
        }
        // A segment that has just turned out bad sends us looking for a whole copy of it; one that
        // stays bad is looked at again only on full scans, so a sync never lists history each time.
        const newlyBad = !!seg && !this.bad.has(path);
        if (seg && !seg.ok) this.markBad(path, seg.newerFormat ? `${seg.reason}; update Interdesk to read it` : seg.reason);
        if (newlyBad || fullScan) {
          if (await this.useConflictCopies(layout, device, touched, listings.get(device))) continue;
        }
        break;
      }
    }
    if (!touched.size) return null;
    store.pulled();
    return touched.has(MANY) ? [] : [...touched];
  }

  private apply(device: string, seg: Extract<DecodedSegment, { ok: true }>, source: string, touched: Set<string>): void {
    const store = this.opts.store;
    const result = store.ingestNext(device, seg.header.first, seg.ops, seg.line) ? { applied: seg.ops, contradictions: [] } : store.ingest(seg.ops, seg.line);
    // Past a few hundred, naming them helps nobody: an empty list means "many; reload all".
    if (touched.size < CHANGED_ROWS_LIMIT) for (const op of result.applied) touched.add(op.target);
    else if (result.applied.length) touched.add(MANY);
    if (result.contradictions.length) {
      this.quarantined.set(
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
  private async useConflictCopies(layout: ShareLayout, device: string, touched: Set<string>, listed?: string[]): Promise<boolean> {
    const store = this.opts.store;
    const names = listed ?? (await this.fs.readdir(layout.logDir(device)).catch(() => null));
    if (!names) return false;
    const before = store.maxSeq(device);
    for (const name of names) {
      const parsed = parseSegmentName(name);
      if (!parsed?.conflict || parsed.first > before + 1) continue;
      const path = join(layout.logDir(device), name);
      if (this.quarantined.has(path)) continue;
      let bytes: Buffer;
      try {
        bytes = await this.fs.readFile(path);
      } catch {
        continue;
      }
      const seg = decodeSegment(bytes, device, parsed.first);
      if (!seg.ok) {
        this.markBad(path, seg.reason);
        continue;
      }
      this.bad.delete(path);
      this.apply(device, seg, path, touched);
    }
    if (store.maxSeq(device) > before) this.bad.delete(layout.segmentPath(device, before + 1));
    return store.maxSeq(device) > before;
  }

  /** Writes the share's next snapshot when it is due and this device's turn (docs/sync.md §Snapshots). */
  private async snapshotInTurn(layout: ShareLayout, devices: readonly string[]): Promise<void> {
    const store = this.opts.store;
    const every = this.opts.snapshotEvery ?? SNAPSHOT_EVERY;
    if (store.opCount < every || store.pendingCount > 0 || store.joining) return;
    const names = await this.fs.readdir(layout.snapshotsDir).catch(() => []);
    if (!snapshotTurn(store.opCount, newestSnapshot(names, store.opCount), devices, store.deviceId, every)) return;
    await this.writeSnapshot().catch((err: unknown) => console.warn('Interdesk: no share snapshot written', err));
  }

  /** Writes a snapshot of everything held to the share now; answers its name, or null when not everything is there yet. */
  async writeSnapshot(): Promise<string | null> {
    const sharePath = this.opts.sharePath();
    return sharePath ? writeSnapshot(this.fs, new ShareLayout(sharePath), this.opts.store) : null;
  }

  /** The devices on the share (their folders), once per cycle; none before any device has written. */
  private async listDevices(layout: ShareLayout): Promise<string[]> {
    try {
      return (await this.fs.readdir(layout.devicesDir)).filter((device) => !device.startsWith('.'));
    } catch (err) {
      if (code(err) === 'ENOENT') return [];
      throw err;
    }
  }

  /** Counts applied segments into the status, shown at once and then every PROGRESS_EVERY_MS. */
  private progress(of: number): () => void {
    let done = 0;
    let shownAt = this.now();
    this.publish({ ...this.status, receiving: { done, of } });
    return () => {
      done = Math.min(done + 1, of);
      if (this.now() - shownAt < PROGRESS_EVERY_MS) return;
      shownAt = this.now();
      this.publish({ ...this.status, receiving: { done, of } });
    };
  }

  /**
   * The people of a department whose computers are on the share, by name: colleagues to assign
   * work to before they have done any. (A device says who it was when it joined.)
   */
  colleagues(department: string): string[] {
    const names = new Set<string>();
    for (const who of this.identities.values()) if (who.department === department) names.add(who.user);
    return [...names];
  }

  /** device.json of the devices not known yet; one that is missing or unreadable is tried on the next full scan. */
  private async readIdentities(layout: ShareLayout, devices: readonly string[]): Promise<void> {
    const unknown = devices.filter((device) => !this.identities.has(device));
    await Promise.all(
      unknown.map(async (device) => {
        try {
          const who = JSON.parse((await this.fs.readFile(layout.deviceFile(device))).toString('utf8')) as { user?: unknown; department?: unknown };
          if (typeof who.user === 'string' && who.user && typeof who.department === 'string' && who.department) {
            this.identities.set(device, { user: who.user, department: who.department });
          }
        } catch {
          // Not arrived yet, or half-arrived: looked at again next time.
        }
      }),
    );
  }

  /** Each device's log folder, read in parallel (a network share answers many at once faster than in turn). */
  private async listLogs(layout: ShareLayout, devices: readonly string[]): Promise<Map<string, string[]>> {
    const listed = await Promise.all(devices.map((device) => this.fs.readdir(layout.logDir(device)).catch(() => null)));
    return new Map(devices.flatMap((device, i) => (listed[i] ? [[device, listed[i]] as [string, string[]]] : [])));
  }

  /** The segments a pull will read, in its order: per device, those after the cursor. */
  private plannedSegments(layout: ShareLayout, devices: readonly string[], listings: Map<string, string[]>): string[] {
    return devices.flatMap((device) => {
      const cursor = this.opts.store.maxSeq(device);
      return segmentFirsts(listings.get(device) ?? [])
        .filter((first) => first > cursor)
        .map((first) => layout.segmentPath(device, first));
    });
  }

  private markBad(path: string, reason: string): void {
    const seen = this.bad.get(path);
    this.bad.set(path, { since: seen?.since ?? this.now(), reason });
  }

  private problems(): string[] {
    const late = this.now() - (this.opts.reportAfterMs ?? 30_000);
    const bad = [...this.bad].filter(([, b]) => b.since <= late).map(([path, b]) => `${path} cannot be used yet: ${b.reason}.`);
    return [...this.notes, ...this.quarantined.values(), ...bad];
  }

  private watchShare(layout: ShareLayout): void {
    if (this.opts.watch === false || this.watchedRoot === layout.root) return;
    this.watcher?.close();
    this.watchedRoot = layout.root;
    try {
      this.watcher = watch(layout.devicesDir, { recursive: true }, (_event, name) => {
        if (name && (String(name).includes('.tmp-') || String(name).startsWith(this.opts.store.deviceId))) return;
        this.notifyShareChange();
      });
      this.watcher.on('error', () => this.unwatch());
    } catch {
      this.watcher = null; // Polling covers shares that do not report changes.
    }
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    this.watchedRoot = null;
  }

  private notifyShareChange(): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.syncNow();
    }, 50);
  }

  private publish(next: SyncStatus): void {
    const changed = JSON.stringify(next) !== JSON.stringify(this.status);
    this.status = next;
    if (changed) this.opts.onStatus?.(next);
  }
}
