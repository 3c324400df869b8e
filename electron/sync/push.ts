import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FileTooLarge, MAX_PACK_BYTES, MAX_SEGMENT_BYTES } from './format/limits.js';
import { DeviceFiles } from './format/deviceFiles.js';
import { decodePack } from './format/pack.js';
import type { BlobStore } from '../store/blobs.js';
import type { ClockSkew } from './clockSkew.js';
import type { DeviceDirectory, DeviceIdentity } from './devices.js';
import type { ShareLayout } from './format/layout.js';
import { parseSegmentName } from './format/layout.js';
import type { DecodedSegment } from './format/segment.js';
import { OWN_FILE, decodeSegment, encodeSegment } from './format/segment.js';
import type { DeviceKey } from './deviceKey.js';
import type { SyncProblems } from './problems.js';
import { pushBlobs } from './shareBlobs.js';
import { errorCode, writing } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import type { SyncStore } from './syncStore.js';

const MAX_OPS_PER_SEGMENT = 5_000;
/** A segment this build writes stays well under what readers accept (MAX_SEGMENT_BYTES), whatever its operations hold. */
const SEGMENT_TARGET_BYTES = 4 * 1024 * 1024;
/** A device id changes at most this often: a second clone within a day waits for a person, not a loop of renames. */
const RENAME_AT_MOST_EVERY_MS = 24 * 60 * 60_000;

export interface PushContext {
  fs: ShareFs;
  store: SyncStore;
  blobs: BlobStore | undefined;
  devices: DeviceDirectory;
  skew: ClockSkew;
  problems: SyncProblems;
  identity: () => DeviceIdentity | null;
  /** This device's key: its public half goes in device.json, and every segment is signed with it. */
  key: Pick<DeviceKey, 'publicKey' | 'sign'>;
  onDeviceIdChanged?: ((deviceId: string) => void) | undefined;
}

/**
 * Writing (docs/sync.md §Writing): the outbox goes to the share as new segments under this
 * device's folder, each named by its first sequence number and never written over. Throws
 * ShareReadOnly when the share refuses writes.
 */
export class Pusher {
  /** The share root and device id whose folder and device.json exist: written once, not every cycle. */
  private deviceReady: string | null = null;
  /** This device's packs folder, listed once per share and id (only a clone or a lost data folder puts a pack there that this run did not see). */
  private ownPacks: DeviceFiles | null = null;
  /** Names in the own packs folder that did not hold a pack when read. */
  private readonly notPacks = new Set<string>();
  /** The own next segment's name, when a file that is not a segment holds it. */
  private blocked: string | null = null;

  constructor(
    private readonly ctx: PushContext,
    private readonly now: () => number = Date.now,
  ) {}

  /** The share may come back without this device's folder: it is made again on the next push. */
  forgetDevice(): void {
    this.deviceReady = null;
    this.ownPacks = null;
  }

  async push(layout: ShareLayout): Promise<void> {
    const { fs, store, skew } = this.ctx;
    const me = `${layout.root}\u0000${store.deviceId}`;
    if (this.deviceReady !== me) {
      this.ownPacks = null;
      const folder = await writing(() => this.ctx.devices.register(layout, store.deviceId, this.ctx.identity(), this.ctx.key.publicKey));
      if (folder === 'unkeyed' && store.shareRoot !== null) await this.leaveUnkeyedFolder(layout);
      this.deviceReady = `${layout.root}\u0000${store.deviceId}`;
    }
    if (!skew.known) await writing(() => skew.probe(layout));
    if ((await this.settleOwnLog(layout)) === 'wait') return;
    for (let pending = store.pending(); pending.length > 0; pending = store.pending()) {
      let batch = pending.slice(0, MAX_OPS_PER_SEGMENT);
      let bytes = encodeSegment(store.deviceId, batch, this.ctx.key.sign);
      while (bytes.length > SEGMENT_TARGET_BYTES && batch.length > 1) {
        batch = batch.slice(0, Math.ceil(batch.length / 2));
        bytes = encodeSegment(store.deviceId, batch, this.ctx.key.sign);
      }
      const first = store.flushedSeq + 1;
      const regular = layout.segmentPath(store.deviceId, first);
      // Its name taken by a file that is not a segment: written beside it, where readers look next.
      const path = this.blocked === regular ? layout.detourPath(store.deviceId, first, randomBytes(4).toString('hex')) : regular;
      await writing(() => pushBlobs(fs, layout, this.ctx.blobs, batch));
      const segment = bytes;
      const written = await writing(() => fs.writeNew(path, segment));
      if (!written) {
        if ((await this.settleOwnLog(layout)) === 'wait') return;
        continue;
      }
      store.markFlushed(first + batch.length - 1);
      await skew.measure(path);
    }
  }

  /**
   * This device's folder was made by a build before keys, and the share's roles are on now
   * (docs/sync.md §Upgrading a share): readers pinned the folder without a key, so nothing signed
   * there could ever be this machine's. It writes on under a new id whose device.json shows its
   * key; what it wrote before stays in the old folder, covered by the upgrade statement.
   */
  private async leaveUnkeyedFolder(layout: ShareLayout): Promise<void> {
    const old = this.ctx.store.deviceId;
    const fresh = this.ctx.store.reidentify(false);
    console.warn(`Interdesk sync: device folder ${old} was made before keys; this computer now writes as ${fresh}.`);
    this.ctx.onDeviceIdChanged?.(fresh);
    await this.ctx.devices.register(layout, fresh, this.ctx.identity(), this.ctx.key.publicKey);
  }

  /**
   * Segments under our own id beyond what we know we flushed (docs/sync.md §Settling the own
   * log): ours (written just before a crash, under its name or a detour), or another machine's
   * with the same id (a clone, a restored backup) — then this device takes a new id, at most once
   * a day. A file there that is not a segment proves nothing: the next segment takes a detour
   * name. Answers 'wait' when nothing may be written now.
   */
  private async settleOwnLog(layout: ShareLayout): Promise<'go' | 'wait'> {
    const { fs, store } = this.ctx;
    this.blocked = null;
    for (;;) {
      const first = store.flushedSeq + 1;
      const path = layout.segmentPath(store.deviceId, first);
      const seg = (await readOwn(fs, path, store.deviceId, first)) ?? (await this.ownPackHolding(layout, first));
      if (!seg) return 'go';
      if (seg.ok && seg.ops.every((op) => store.isOwn(op))) {
        store.markFlushed(seg.header.last);
        continue;
      }
      if (!seg.ok) {
        const detour = await this.ownDetour(layout, first);
        if (detour) {
          store.markFlushed(detour);
          continue;
        }
        this.blocked = path;
        return 'go';
      }
      const renamedAt = store.renamedAt;
      if (renamedAt !== null && this.now() - renamedAt < RENAME_AT_MOST_EVERY_MS) {
        this.ctx.problems.note(
          `Another computer writes as this one again (${path}). This computer changed its id less than a day ago, so its changes wait here; check for copies of this installation.`,
        );
        return 'wait';
      }
      const old = store.deviceId;
      const fresh = store.reidentify();
      this.ownPacks = null;
      this.ctx.problems.note(
        `Another computer was writing as this one (a copy of this installation, or a restored backup). This computer now syncs as ${fresh.slice(0, 8)}; nothing was lost.`,
      );
      console.warn(`Interdesk sync: device id ${old} is in use elsewhere; now ${fresh}.`);
      this.ctx.onDeviceIdChanged?.(fresh);
      await this.ctx.devices.register(layout, fresh, this.ctx.identity(), this.ctx.key.publicKey);
    }
  }

  /**
   * The part from `first` on of a pack in this device's packs folder that holds it, decoded; null
   * when none does. Its packed segments may be gone: a machine that lost its data folder but kept
   * its id meets its old history here (and takes a new id), and one that meets a share again
   * (its flushed position reset) finds what it had written.
   */
  private async ownPackHolding(layout: ShareLayout, first: number): Promise<DecodedSegment | null> {
    const { fs, store } = this.ctx;
    this.ownPacks ??= new DeviceFiles([], await fs.readdir(layout.packsDir(store.deviceId)).catch(() => [] as string[]));
    const held = this.ownPacks.packHolding(first);
    if (!held || this.notPacks.has(held.name)) return null;
    try {
      const pack = decodePack(await fs.readFile(layout.packPath(store.deviceId, held.name), MAX_PACK_BYTES), store.deviceId, held.pack, OWN_FILE);
      if (!pack.ok) {
        // Junk under a pack's name (crafted, or cut off) proves nothing, and is not read again on every push.
        this.notPacks.add(held.name);
        return null;
      }
      const skip = first - pack.header.first;
      return { ...pack, header: { ...pack.header, first }, ops: pack.ops.slice(skip) };
    } catch (err) {
      if (err instanceof FileTooLarge) this.notPacks.add(held.name);
      if (errorCode(err) === 'ENOENT' || err instanceof FileTooLarge) return null;
      throw err;
    }
  }

  /** A segment of ours written under a detour name for `first` (before a crash): answers its last sequence number. */
  private async ownDetour(layout: ShareLayout, first: number): Promise<number | null> {
    const { fs, store } = this.ctx;
    const names = await fs.readdir(layout.logDir(store.deviceId)).catch(() => [] as string[]);
    for (const name of names) {
      if (parseSegmentName(name)?.first !== first || !name.includes('-detour-')) continue;
      const seg = await readOwn(fs, join(layout.logDir(store.deviceId), name), store.deviceId, first);
      if (seg?.ok && seg.ops.every((op) => store.isOwn(op))) return seg.header.last;
    }
    return null;
  }
}

/** A segment in this device's own folder, decoded; null when there is none. A file too large to be a segment is not one. */
async function readOwn(fs: ShareFs, path: string, device: string, first: number): Promise<DecodedSegment | null> {
  try {
    return decodeSegment(await fs.readFile(path, MAX_SEGMENT_BYTES), device, first, OWN_FILE);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    if (err instanceof FileTooLarge) return { ok: false, reason: err.reason };
    throw err;
  }
}
