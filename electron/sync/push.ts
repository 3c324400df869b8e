import { MAX_SEGMENT_BYTES } from './format/limits.js';
import type { BlobStore } from '../store/blobs.js';
import type { ClockSkew } from './clockSkew.js';
import type { DeviceDirectory, DeviceIdentity } from './devices.js';
import type { ShareLayout } from './format/layout.js';
import { decodeSegment, encodeSegment } from './format/segment.js';
import type { SyncProblems } from './problems.js';
import { pushBlobs } from './shareBlobs.js';
import { errorCode, writing } from './shareErrors.js';
import type { ShareFs } from './shareFs.js';
import type { SyncStore } from './syncStore.js';

const MAX_OPS_PER_SEGMENT = 5_000;
/** A segment this build writes stays well under what readers accept (MAX_SEGMENT_BYTES), whatever its operations hold. */
const SEGMENT_TARGET_BYTES = 4 * 1024 * 1024;

export interface PushContext {
  fs: ShareFs;
  store: SyncStore;
  blobs: BlobStore | undefined;
  devices: DeviceDirectory;
  skew: ClockSkew;
  problems: SyncProblems;
  identity: () => DeviceIdentity | null;
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

  constructor(private readonly ctx: PushContext) {}

  /** The share may come back without this device's folder: it is made again on the next push. */
  forgetDevice(): void {
    this.deviceReady = null;
  }

  async push(layout: ShareLayout): Promise<void> {
    const { fs, store, skew } = this.ctx;
    const me = `${layout.root}\u0000${store.deviceId}`;
    if (this.deviceReady !== me) {
      await writing(() => this.ctx.devices.register(layout, store.deviceId, this.ctx.identity()));
      this.deviceReady = me;
    }
    if (!skew.known) await writing(() => skew.probe(layout));
    await this.settleOwnLog(layout);
    for (let pending = store.pending(); pending.length > 0; pending = store.pending()) {
      let batch = pending.slice(0, MAX_OPS_PER_SEGMENT);
      let bytes = encodeSegment(store.deviceId, batch);
      while (bytes.length > SEGMENT_TARGET_BYTES && batch.length > 1) {
        batch = batch.slice(0, Math.ceil(batch.length / 2));
        bytes = encodeSegment(store.deviceId, batch);
      }
      const first = store.flushedSeq + 1;
      const path = layout.segmentPath(store.deviceId, first);
      await writing(() => pushBlobs(fs, layout, this.ctx.blobs, batch));
      const segment = bytes;
      const written = await writing(() => fs.writeNew(path, segment));
      if (!written) {
        await this.settleOwnLog(layout);
        continue;
      }
      store.markFlushed(first + batch.length - 1);
      await skew.measure(path);
    }
  }

  /**
   * Segments under our own id beyond what we know we flushed (docs/sync.md §Settling the own
   * log): ours (written just before a crash), or another machine's with the same id (a clone, a
   * restored backup) — then this device takes a new id.
   */
  private async settleOwnLog(layout: ShareLayout): Promise<void> {
    const { fs, store } = this.ctx;
    for (;;) {
      const first = store.flushedSeq + 1;
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(layout.segmentPath(store.deviceId, first), MAX_SEGMENT_BYTES);
      } catch (err) {
        if (errorCode(err) === 'ENOENT') return;
        throw err;
      }
      const seg = decodeSegment(bytes, store.deviceId, first);
      if (seg.ok && seg.ops.every((op) => store.isOwn(op))) {
        store.markFlushed(seg.header.last);
        continue;
      }
      const old = store.deviceId;
      const fresh = store.reidentify();
      this.ctx.problems.note(
        `Another computer was writing as this one (a copy of this installation, or a restored backup). This computer now syncs as ${fresh.slice(0, 8)}; nothing was lost.`,
      );
      console.warn(`Interdesk sync: device id ${old} is in use elsewhere; now ${fresh}.`);
      this.ctx.onDeviceIdChanged?.(fresh);
      await this.ctx.devices.register(layout, fresh, this.ctx.identity());
    }
  }
}
