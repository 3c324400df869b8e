// Over 300 lines: the cycle that runs docs/sync.md's sections in turn, with its scheduling,
// status and options; each section's work is in its own file and is only called from here.
import type { ChangedIds } from '../../shared/core/changes.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';
import { INITIAL_SYNC_STATUS } from '../../shared/core/syncStatus.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { BlobStore } from '../store/blobs.js';
import { ClockSkew } from './clockSkew.js';
import type { DeviceKey } from './deviceKey.js';
import type { DeviceIdentity } from './devices.js';
import { DeviceDirectory } from './devices.js';
import { FORMAT_MAJOR, ShareLayout } from './format/layout.js';
import { SyncProblems, statusProblems } from './problems.js';
import { pull } from './pull.js';
import { Packer } from './packer.js';
import { Pusher } from './push.js';
import { fetchBlob } from './shareBlobs.js';
import { OFFLINE_CODES, ShareReadOnly, ShareUnavailable, errorCode } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import { realShareFs } from './shareFs.js';
import { newerFormatDetail, openShare } from './shareOpen.js';
import { turnOnRoles } from './shareUpgrade.js';
import { SNAPSHOT_EVERY, snapshotInTurn, writeSnapshot } from './snapshotWrite.js';
import type { SyncStore } from './syncStore.js';

export interface SyncEngineOptions {
  store: SyncStore;
  /** Read before every cycle: the user may set or change it at any time. */
  sharePath: () => string | null;
  /** Attachments' bytes on this computer: copied to the share before the operations that name them. */
  blobs?: BlobStore;
  /** Who this device is, for its device.json. */
  identity: () => DeviceIdentity | null;
  /** This device's key (docs/sync.md §Trust): published in device.json, and what signs its files. */
  key: Pick<DeviceKey, 'publicKey' | 'sign'>;
  /** What a pull changed: the requests' ids, or [] for "reload everything". */
  onIngested?: (requestIds: ChangedIds) => void;
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
  /** This device packs its own segments on full scans (docs/sync.md §Packs). On unless false. */
  packs?: boolean;
}

const PROGRESS_EVERY_MS = 250;

/**
 * Moves operations between the local store and the shared folder, as docs/sync.md specifies:
 * this file schedules cycles (never overlapping; each pushes the outbox, then pulls what is new
 * from every device) and reports the status; each section of the spec has its own file.
 */
export class SyncEngine {
  private status: SyncStatus = { ...INITIAL_SYNC_STATUS };
  private readonly fs: ShareFs;
  private readonly now: () => number;
  private readonly problems: SyncProblems;
  private readonly devices: DeviceDirectory;
  private readonly skew: ClockSkew;
  private readonly pusher: Pusher;
  private readonly packer: Packer;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private watcher: { close(): void } | null = null;
  private watchedRoot: string | null = null;
  private cycles = 0;
  /** The next cycle lists everything: the first, and the first after the share was away (packs may have replaced what it missed). */
  private fullScanNext = true;
  /** Until start(): cycles run only when asked for (syncNow), never by timer. */
  private stopped = true;
  private closed = false;
  private inCycle = false;

  constructor(private readonly opts: SyncEngineOptions) {
    this.fs = opts.fs ?? realShareFs;
    this.now = opts.now ?? Date.now;
    this.problems = new SyncProblems(this.now, opts.reportAfterMs ?? 30_000);
    this.devices = new DeviceDirectory(this.fs, this.now, opts.store);
    this.skew = new ClockSkew(this.fs, opts.store, this.now);
    this.packer = new Packer(this.fs, opts.store, this.devices, opts.key.sign);
    this.pusher = new Pusher(
      {
        fs: this.fs,
        store: opts.store,
        blobs: opts.blobs,
        devices: this.devices,
        skew: this.skew,
        problems: this.problems,
        identity: opts.identity,
        key: opts.key,
        onDeviceIdChanged: opts.onDeviceIdChanged,
      },
      this.now,
    );
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
    this.soon(this.opts.flushDelayMs ?? 150);
  }

  /** Runs a cycle after the one under way (at most one waits; callers share it). */
  syncNow(): Promise<SyncStatus> {
    if (!this.queued) {
      this.queued = this.running.then(() => {
        this.queued = null;
        this.inCycle = true;
        this.running = this.cycle().finally(() => {
          this.inCycle = false;
          // A snapshot adopted in this cycle is audited now, not while the cycle still runs.
          this.opts.store.releaseAudit();
        });
        return this.running;
      });
    }
    return this.queued.then(() => this.status);
  }

  /** An attachment's bytes from the share, checked; null when they are not there (yet). */
  async fetchBlob(hash: string): Promise<Buffer | null> {
    const sharePath = this.opts.sharePath();
    return sharePath ? fetchBlob(this.fs, new ShareLayout(sharePath), hash) : null;
  }

  /** Writes a snapshot of everything held to the share now; answers its name, or null when not everything is there yet. */
  async writeSnapshot(): Promise<string | null> {
    const sharePath = this.opts.sharePath();
    return sharePath ? writeSnapshot(this.fs, new ShareLayout(sharePath), this.opts.store, this.opts.key.sign) : null;
  }

  /**
   * Turns roles on for this share, made before keys (docs/sync.md §Upgrading a share): this
   * machine becomes its first admin. Between cycles; a cycle follows. 'taken': another computer
   * did it first, and its statement holds.
   */
  async turnOnRoles(): Promise<'done' | 'taken'> {
    const sharePath = this.opts.sharePath();
    if (!sharePath) throw new ShareUnavailable('No shared folder is chosen yet.');
    const layout = new ShareLayout(sharePath);
    const { store, key } = this.opts;
    const turning = this.running.then(async () => {
      const format = await openShare(this.fs, sharePath, layout, store, this.now, key.publicKey);
      if (store.shareRoot !== null) return 'taken' as const;
      const ctx = {
        fs: this.fs,
        store,
        devices: this.devices,
        key,
        identity: this.opts.identity,
        now: this.now,
        onDeviceIdChanged: this.opts.onDeviceIdChanged,
      };
      const result = await turnOnRoles(ctx, layout, format.shareId);
      this.pusher.forgetDevice();
      return result;
    });
    this.running = turning.then(
      () => undefined,
      () => undefined,
    );
    const result = await turning;
    await this.syncNow();
    return result;
  }

  /** A sentence for the status's problems, from outside a cycle (the audit of a share snapshot). */
  report(text: string): void {
    this.problems.note(text);
    this.publish({ ...this.status, problems: this.problemList() });
  }

  /** People of a department whose computers are on the share (whether or not they have acted yet). */
  colleagues(department: string): string[] {
    return this.devices.colleagues(department);
  }

  private async cycle(): Promise<void> {
    const sharePath = this.opts.sharePath();
    const store = this.opts.store;
    if (!sharePath) return this.publish({ ...INITIAL_SYNC_STATUS, pending: store.pendingCount });
    const layout = new ShareLayout(sharePath);
    this.cycles++;
    try {
      const [shareBefore, rootBefore] = [store.shareId, store.shareRoot];
      const format = await openShare(this.fs, sharePath, layout, store, this.now, this.opts.key.publicKey);
      // The roles of a share this machine knew were turned on elsewhere: who may do what changed for everything.
      if (shareBefore !== null && shareBefore === store.shareId && rootBefore === null && store.shareRoot !== null) {
        this.opts.onIngested?.([ROSTER_TARGET]);
        this.opts.onIngested?.([]);
      }
      if (format.major > FORMAT_MAJOR) {
        return this.publish({ ...this.status, state: 'newer_format', pending: store.pendingCount, detail: newerFormatDetail(format) });
      }
      this.watchShare(layout);
      let readOnly: string | null = null;
      try {
        await this.pusher.push(layout);
      } catch (err) {
        if (!(err instanceof ShareReadOnly)) throw err;
        readOnly = err.message;
      }
      const fullScan = this.fullScanNext || this.cycles % (this.opts.fullScanEvery ?? 20) === 0;
      this.fullScanNext = false;
      const devices = await this.devices.list(layout);
      const snapshots = this.opts.snapshots !== false;
      const ctx = { fs: this.fs, store, devices: this.devices, problems: this.problems, snapshots, progress: (of: number) => this.progress(of) };
      const ingested = await pull({ ...ctx, ingested: (ids: ChangedIds) => this.opts.onIngested?.(ids) }, layout, fullScan, devices);
      if (ingested) this.opts.onIngested?.(ingested);
      if (fullScan && !readOnly && snapshots)
        await snapshotInTurn(this.fs, layout, store, this.opts.key.sign, devices, this.opts.snapshotEvery ?? SNAPSHOT_EVERY);
      // Housekeeping: what it cannot write or remove now (a virus scanner holding a file) waits for the next full scan.
      if (fullScan && !readOnly && this.opts.packs !== false)
        await this.packer.run(layout, devices).catch((e: unknown) => console.warn('Interdesk: packing waits', e));
      this.publish({
        ...this.status,
        receiving: null,
        state: readOnly ? 'read_only' : 'synced',
        detail: readOnly,
        lastSyncAt: new Date(this.now()).toISOString(),
        offlineSince: null,
        pending: store.pendingCount,
        clockSkewMs: this.skew.skewMs,
        problems: this.problemList(),
      });
    } catch (err) {
      if (this.closed) return; // stopped mid-cycle: the store is closing, nothing to report
      this.fullScanNext = true;
      this.pusher.forgetDevice(); // the share may come back without our folder
      this.unwatch(); // re-armed when the share is back: a watcher on a vanished folder stays silent
      if (!(err instanceof ShareUnavailable) && !OFFLINE_CODES.has(errorCode(err))) console.error('Interdesk sync: cycle failed', err);
      this.publish({
        ...this.status,
        receiving: null,
        state: 'offline',
        offlineSince: this.status.offlineSince ?? new Date(this.now()).toISOString(),
        pending: store.pendingCount,
        clockSkewMs: this.skew.skewMs,
        detail:
          err instanceof ShareUnavailable
            ? err.message
            : `The shared folder could not be read (${errorCode(err) || (err as Error).message}). Changes are kept on this computer and sent when it is back.`,
        problems: this.problemList(),
      });
    }
  }

  /** The share's Interdesk folder, which problems name files from. */
  private shareRoot(): string | undefined {
    const sharePath = this.opts.sharePath();
    return sharePath ? new ShareLayout(sharePath).root : undefined;
  }

  /** The share's problems, and what the local log holds that this build passes over. */
  private problemList(): string[] {
    return statusProblems(this.opts.store, this.problems, this.shareRoot());
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

  private watchShare(layout: ShareLayout): void {
    if (this.opts.watch === false || this.watchedRoot === layout.root) return;
    this.watcher?.close();
    this.watchedRoot = layout.root;
    this.watcher = this.fs.watch(
      layout.devicesDir,
      (name) => {
        // Our own writes and files still being written are no news.
        if (name.includes('.tmp-') || name.startsWith(this.opts.store.deviceId)) return;
        this.soon(50);
      },
      () => this.unwatch(),
    );
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    this.watchedRoot = null;
  }

  /** A cycle after `ms`, unless one is already coming. */
  private soon(ms: number): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.syncNow();
    }, ms);
  }

  private publish(next: SyncStatus): void {
    const changed = JSON.stringify(next) !== JSON.stringify(this.status);
    this.status = next;
    if (changed) this.opts.onStatus?.(next);
  }
}
