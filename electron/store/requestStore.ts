import { randomUUID } from 'node:crypto';
import { HlcClock, formatHlc, parseHlc } from '../../shared/model/hlc.js';
import type { Operation } from '../../shared/model/operations.js';
import { operationId, parseOperationId, sameJson } from '../../shared/model/operations.js';
import type { Actor } from '../../shared/model/request.js';
import { Replica } from '../../shared/model/replica.js';
import { OpLog } from './opLog.js';
import type { SyncState } from './syncState.js';
import { loadSyncState, saveSyncState } from './syncState.js';

/** An operation as a caller describes it; the store gives it its id, clock and actor. */
export type OperationDraft = Operation extends infer O
  ? O extends Operation
    ? Pick<O, 'type' | 'target' | 'fields'>
    : never
  : never;

export interface RequestStoreOptions {
  dir: string;
  /** The id to use when this store has none yet (a fresh install); the store's own id wins after. */
  deviceId: string;
  now?: () => number;
}

export interface IngestResult {
  applied: Operation[];
  /** Operations whose id is known with other content: never applied, reported. */
  contradictions: Operation[];
}

/**
 * The local replica: the durable operation log plus its fold in memory. `commit` returns only
 * after the operation is on disk, so an acknowledged change survives a crash.
 */
export class RequestStore {
  replica = new Replica();
  damagedLines = 0;
  private clock!: HlcClock;
  private seq = 0;
  private own: Operation[] = [];
  private readonly maxSeqs = new Map<string, number>();
  /** Added to the local clock when the share says it is off (docs/sync.md §Clock skew). */
  private clockCorrectionMs = 0;
  private state: SyncState;

  private constructor(
    private log: OpLog,
    private readonly dir: string,
    private readonly now: () => number,
    ops: Operation[],
    fallbackDeviceId: string,
  ) {
    this.state = loadSyncState(dir, fallbackDeviceId);
    saveSyncState(dir, this.state);
    if (this.state.renaming) {
      ops = this.rewriteWithNewIdentity(ops, this.state.renaming.from, this.state.renaming.afterSeq);
    }
    this.load(ops);
  }

  static open({ dir, deviceId, now = Date.now }: RequestStoreOptions): RequestStore {
    const { log, contents } = OpLog.open(dir);
    const store = new RequestStore(log, dir, now, contents.ops, deviceId);
    store.damagedLines = contents.damagedLines;
    return store;
  }

  get deviceId(): string {
    return this.state.deviceId;
  }
  get flushedSeq(): number {
    return this.state.flushedSeq;
  }
  get shareId(): string | null {
    return this.state.shareId;
  }

  private load(ops: Operation[]): void {
    this.replica = new Replica();
    this.clock = new HlcClock(this.state.deviceId, () => this.clockNow());
    this.seq = 0;
    this.own = [];
    this.maxSeqs.clear();
    this.trackAll(ops);
  }

  /** Folds operations in and keeps the cursors, the own outbox and the clock up to date. */
  private trackAll(ops: readonly Operation[]): void {
    let latest = '';
    for (const op of ops) {
      if (!this.replica.apply(op)) continue;
      if (op.hlc > latest) latest = op.hlc;
      const at = op.id.lastIndexOf(':');
      const deviceId = op.id.slice(0, at);
      const seq = +op.id.slice(at + 1);
      if (seq > (this.maxSeqs.get(deviceId) ?? 0)) this.maxSeqs.set(deviceId, seq);
      if (deviceId === this.state.deviceId) {
        this.own.push(op);
        if (seq > this.seq) this.seq = seq;
      }
    }
    if (latest) this.clock.observe(latest);
  }

  /** Called after every local commit (the sync engine schedules a flush). */
  onCommit: (() => void) | null = null;

  commit(actor: Actor, draft: OperationDraft): Operation {
    const op = {
      ...draft,
      id: operationId(this.state.deviceId, this.seq + 1),
      hlc: this.clock.now(),
      actor: { ...actor },
    } as Operation;
    this.log.append([op]);
    this.trackAll([op]);
    this.onCommit?.();
    return op;
  }

  /**
   * Adds operations read from the share as one batch (whole or not at all after a crash); known
   * ones are skipped. Not fsynced here: the share still has them, and `flush()` ends a pull.
   * `raw` is the operations' JSON as read, stored as is when every operation is new.
   */
  ingest(ops: readonly Operation[], raw?: readonly string[]): IngestResult {
    const applied: Operation[] = [];
    const contradictions: Operation[] = [];
    for (const op of ops) {
      const known = this.replica.hlcOf(op.id);
      if (known === undefined) applied.push(op);
      else if (known !== op.hlc) contradictions.push(op);
    }
    this.log.append(applied, { durable: false, raw: raw && applied.length === ops.length ? raw : undefined });
    this.trackAll(applied);
    return { applied, contradictions };
  }

  /** Makes everything ingested so far durable. */
  flush(): void {
    this.log.sync();
  }

  /** The highest sequence number held from `device`: the sync cursor for it. */
  maxSeq(device: string): number {
    return this.maxSeqs.get(device) ?? 0;
  }

  /** This device's operations not yet in a segment on the share: the outbox. */
  pending(): Operation[] {
    const flushed = this.state.flushedSeq;
    return this.own.filter((op) => parseOperationId(op.id).seq > flushed);
  }

  /** Whether `op` is, byte for byte, one this device wrote (not just one with the same id). */
  isOwn(op: Operation): boolean {
    const { deviceId, seq } = parseOperationId(op.id);
    const mine = deviceId === this.state.deviceId ? this.own.find((o) => o.id === op.id) : undefined;
    return !!mine && sameJson(mine, op);
  }

  markFlushed(seq: number): void {
    if (seq <= this.state.flushedSeq) return;
    this.state = { ...this.state, flushedSeq: seq };
    saveSyncState(this.dir, this.state);
  }

  /** Remembers the share by its id; a share with another id has none of our operations yet. */
  joinShare(shareId: string): void {
    if (shareId === this.state.shareId) return;
    this.state = { ...this.state, shareId, flushedSeq: 0 };
    saveSyncState(this.dir, this.state);
  }

  setClockCorrection(ms: number): void {
    this.clockCorrectionMs = ms;
  }

  /** The time as the share sees it: the local clock, corrected when the sync measured it off. */
  clockNow(): number {
    return this.now() + this.clockCorrectionMs;
  }

  /**
   * Another machine writes under this device id (a clone, or a restore from backup): take a new
   * id and move the outbox to it. Nothing of it has reached the share, so nobody else has it.
   */
  reidentify(): string {
    const from = this.state.deviceId;
    const afterSeq = this.state.flushedSeq;
    this.state = { ...this.state, deviceId: randomUUID(), flushedSeq: 0, renaming: { from, afterSeq } };
    saveSyncState(this.dir, this.state);
    this.load(this.rewriteWithNewIdentity([...this.replica.operations()], from, afterSeq));
    return this.state.deviceId;
  }

  private rewriteWithNewIdentity(ops: Operation[], from: string, afterSeq: number): Operation[] {
    const to = this.state.deviceId;
    let next = 0;
    const moved = ops
      .filter((op) => {
        const id = parseOperationId(op.id);
        return id.deviceId === from && id.seq > afterSeq;
      })
      .sort((a, b) => parseOperationId(a.id).seq - parseOperationId(b.id).seq);
    const renamed = new Map(
      moved.map((op) => [op.id, { ...op, id: operationId(to, ++next), hlc: formatHlc({ ...parseHlc(op.hlc), device: to }) } as Operation]),
    );
    const result = ops.map((op) => renamed.get(op.id) ?? op);
    this.log = this.log.replaceWith(result);
    this.state = { ...this.state, renaming: null };
    saveSyncState(this.dir, this.state);
    return result;
  }

  close(): void {
    this.log.close();
  }
}
