import { CLOCK_TOLERANCE_MS } from '../../shared/ops/hlc.js';
import type { DecodeOptions } from './format/segment.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
import type { SyncStore } from './syncStore.js';

/** Beyond this, the local clock is taken to be wrong and the share's time is written instead. */
const SKEW_TOLERANCE_MS = 2 * 60_000;

/**
 * The guard of docs/sync.md §Clock skew: the time the share stamps on a file this device just
 * wrote tells how far off the local clock is; past the tolerance the store writes with the
 * share's time, and the status says so.
 */
export class ClockSkew {
  private measured = false;
  /** The last skew past the tolerance, in ms (local minus share), or null. */
  skewMs: number | null = null;

  constructor(
    private readonly fs: ShareFs,
    private readonly store: SyncStore,
    private readonly now: () => number,
  ) {}

  get known(): boolean {
    return this.measured;
  }

  /** Before the first write: a throwaway file tells the share's time. */
  async probe(layout: ShareLayout): Promise<void> {
    const probe = join(layout.deviceDir(this.store.deviceId), `.tmp-clock-${randomUUID()}`);
    await this.fs.writeNew(probe, Buffer.alloc(0));
    await this.measure(probe);
    await this.fs.unlink(probe).catch(() => undefined);
  }

  /** Compares the local clock with the time the share stamped on a file just written. */
  async measure(path: string): Promise<void> {
    const { mtimeMs } = await this.fs.stat(path);
    const skew = Math.round(this.now() - mtimeMs);
    this.measured = true;
    this.skewMs = Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : null;
    this.store.setClockCorrection(this.skewMs === null ? 0 : -skew);
  }
}

/**
 * What a reader refuses by date (docs/sync.md §Clock skew, §Configuration seeds), and the key `key` a device's files must be signed with (§Trust). Readers fold nothing dated past this machine's corrected time plus the tolerance: such a segment
 * is held aside and read again on later syncs, so one far-future clock never wins a register.
 */
export const readerLimits = (store: Pick<SyncStore, 'clockNow' | 'shareCreatedAt'>, key: string | null): DecodeOptions => ({
  key,
  notAfter: store.clockNow() + CLOCK_TOLERANCE_MS,
  // A day's grace: the first machine's seed follows the share's creation, on a clock that the
  // sync may have corrected since.
  ...(store.shareCreatedAt !== null ? { seedsFrom: store.shareCreatedAt - SEED_GRACE_MS } : {}),
});

const SEED_GRACE_MS = 24 * 60 * 60_000;
