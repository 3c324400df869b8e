import type { Operation } from '../../shared/ops/operations.js';
import { formatHlc, parseHlc } from '../../shared/ops/hlc.js';
import { operationId, parseOperationId, sameJson } from '../../shared/ops/operations.js';
import type { Coverage } from './coverageCheck.js';
import type { SyncState } from './syncState.js';
import { loadSyncState, saveSyncState } from './syncState.js';

/**
 * This device's own operations and its place in the sync (docs/sync.md §Writing): the outbox is
 * every own operation after `flushedSeq`; the state (device id, flushed position, share id) is
 * kept durably in sync-state.json.
 */
export class Outbox {
  /** This device's operations in sequence order from 1 without gaps: operation n is at index n − 1. */
  private own: Operation[] = [];
  private seq = 0;
  state: SyncState;

  constructor(
    private readonly dir: string,
    fallbackDeviceId: string,
  ) {
    const saved = loadSyncState(dir);
    this.state = saved ?? { deviceId: fallbackDeviceId, flushedSeq: 0, shareId: null, renaming: null };
    // A fresh install writes its identity at once, so the store's id wins from here on.
    if (!saved) this.save(this.state);
  }

  save(state: SyncState): void {
    this.state = state;
    saveSyncState(this.dir, state);
  }

  reset(): void {
    this.own = [];
    this.seq = 0;
  }

  /** The next own sequence number to give. */
  get nextSeq(): number {
    return this.seq + 1;
  }

  get all(): readonly Operation[] {
    return this.own;
  }

  track(ops: readonly Operation[]): void {
    for (const op of ops) {
      this.own.push(op);
      const seq = parseOperationId(op.id).seq;
      if (seq > this.seq) this.seq = seq;
    }
  }

  /** The operations not yet in a segment on the share. */
  pending(): Operation[] {
    return this.own.slice(this.state.flushedSeq);
  }

  /** How many changes wait for the share, without copying them (status lines ask often). */
  get pendingCount(): number {
    return Math.max(0, this.own.length - this.state.flushedSeq);
  }

  /** Whether `op` is, field for field, one this device wrote (not just one with the same id). */
  isOwn(op: Operation): boolean {
    const mine = this.own[parseOperationId(op.id).seq - 1];
    return mine?.id === op.id && sameJson(mine, op);
  }

  markFlushed(seq: number): void {
    if (seq > this.state.flushedSeq) this.save({ ...this.state, flushedSeq: seq });
  }

  /** Remembers the share by its id; a share with another id has none of our operations yet. */
  joinShare(shareId: string, createdAt: number, root: string | null, covers?: Record<string, Coverage>): void {
    if (shareId !== this.state.shareId) {
      const { root: _old, covers: _covered, coverVerdicts: _checked, ...rest } = this.state;
      this.save({ ...rest, shareId, shareCreatedAt: createdAt, flushedSeq: 0, keys: {}, ...(root ? { root } : {}), ...(covers ? { covers } : {}) });
    }
    // Shares first met before this was remembered: their format.json's time, from now on fixed.
    else if (this.state.shareCreatedAt === undefined) this.save({ ...this.state, shareCreatedAt: createdAt });
  }

  /** The key a device folder published when first read (null: none), or undefined when not read yet. */
  pinnedKey(device: string): string | null | undefined {
    const keys = this.state.keys;
    return keys && Object.hasOwn(keys, device) ? keys[device] : undefined;
  }

  pinKey(device: string, key: string | null): void {
    this.save({ ...this.state, keys: { ...this.state.keys, [device]: key } });
  }
}

/**
 * The log with `from`'s operations after `afterSeq` moved to the new id `to` (docs/sync.md
 * §Duplicate device ids): numbered again from 1 in their order, their clocks under the new id.
 */
export function renumbered(ops: readonly Operation[], from: string, afterSeq: number, to: string): Operation[] {
  const moved = ops
    .filter((op) => {
      const id = parseOperationId(op.id);
      return id.deviceId === from && id.seq > afterSeq;
    })
    .sort((a, b) => parseOperationId(a.id).seq - parseOperationId(b.id).seq);
  let next = 0;
  const renamed = new Map(moved.map((op) => [op.id, { ...op, id: operationId(to, ++next), hlc: formatHlc({ ...parseHlc(op.hlc), device: to }) } as Operation]));
  return ops.map((op) => renamed.get(op.id) ?? op);
}
