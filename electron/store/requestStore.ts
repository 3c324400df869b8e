// Over 300 lines on purpose: this is the one class that holds the log, the fold and the cursors
// together, and every way in (commit, pull, join) must keep all three in step. What can stand
// apart has its own file: the outbox, the search index, the history join, the local snapshots.
import { randomUUID } from 'node:crypto';
import { HlcClock, formatHlc, parseHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET, isConfigOperation, operationId, parseOperationId } from '../../shared/ops/operations.js';
import { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, toDetail } from '../../shared/model/replica.js';
import type { RequestDetail } from '../../shared/model/request.js';
import type { Actor } from '../../shared/core/actor.js';
import type { ComputedSla } from '../../shared/model/requestSla.js';
import type { TextIndex } from '../../shared/model/textIndex.js';
import { HistoryJoin, misfolded } from './historyJoin.js';
import { LocalSnapshots } from './localSnapshots.js';
import { OpLog } from './opLog.js';
import { Outbox } from './outbox.js';
import { SearchIndex } from './searchIndex.js';
import { dropSnapshot, loadSnapshot, saveSnapshot } from './snapshot.js';

/** An operation as a caller describes it; the store gives it its id, clock and actor. */
export type OperationDraft = Operation extends infer O ? (O extends Operation ? Pick<O, 'type' | 'target' | 'fields'> : never) : never;

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
 * The local replica: the durable operation log, and in memory only what the queues need (the
 * QueueIndex) plus this device's own operations. A request's full detail is folded from its
 * operations, read back from the log, when it is opened. `commit` returns only after the
 * operation is on disk, so an acknowledged change survives a crash.
 *
 * Every device's operations are held as a gap-free prefix 1..maxSeq (segments are read in
 * order, whole), so "have I got this operation?" is a comparison, not a million-entry set.
 */
export class RequestStore {
  index = new QueueIndex();
  /** Every department's configuration, folded from the configuration operations in the log. */
  config = new ConfigState();
  /** Local-log lines that hold configuration operations (conflict copies are compared against them). */
  private configLines: number[] = [];
  damagedLines = 0;
  opCount = 0;
  /** Called after every local commit (the sync engine schedules a flush). */
  onCommit: (() => void) | null = null;
  private log!: OpLog;
  private clock!: HlcClock;
  private readonly maxSeqs = new Map<string, number>();
  /** Added to the local clock when the share says it is off (docs/sync.md §Clock skew). */
  private clockCorrectionMs = 0;
  private closed = false;
  private readonly outbox: Outbox;
  private readonly search: SearchIndex;
  private readonly join = new HistoryJoin();
  private readonly snapshots: LocalSnapshots;

  private constructor(
    private readonly dir: string,
    private readonly now: () => number,
    fallbackDeviceId: string,
  ) {
    this.outbox = new Outbox(dir, fallbackDeviceId);
    this.search = new SearchIndex({ dir, deviceId: () => this.deviceId, log: () => this.log, closed: () => this.closed });
    // Mid-join the index lacks the history: the next start folds the whole log instead.
    this.snapshots = new LocalSnapshots(() => !this.closed && !this.join.active && this.snapshot());
    this.open();
    const renaming = this.outbox.state.renaming;
    if (renaming) this.rewriteWithNewIdentity(renaming.from, renaming.afterSeq);
  }

  static open({ dir, deviceId, now = Date.now }: RequestStoreOptions): RequestStore {
    return new RequestStore(dir, now, deviceId);
  }

  private reset(): void {
    this.index = new QueueIndex();
    this.config = new ConfigState();
    this.configLines = [];
    this.clock = new HlcClock(this.deviceId, () => this.clockNow());
    this.outbox.reset();
    this.maxSeqs.clear();
    this.opCount = 0;
    this.search.reset();
    this.join.end();
  }

  private open(): void {
    this.reset();
    const snapshot = loadSnapshot(this.dir, this.deviceId);
    if (snapshot) {
      this.index = QueueIndex.restore(snapshot.entries, snapshot.people);
      this.config = ConfigState.restore(snapshot.config);
      this.configLines = [...snapshot.configLines];
      for (const [device, seq] of snapshot.maxSeqs) this.maxSeqs.set(device, seq);
      this.opCount = snapshot.opCount;
      this.outbox.track(snapshot.own);
      this.clock.observe(snapshot.clock);
    }
    const opened = OpLog.open(this.dir, (ops, line) => this.fold(ops, line), snapshot?.position);
    if (snapshot && !opened.resumed) {
      // The log no longer reaches the snapshot's end (it was cut back): rebuild from the log alone.
      opened.log.close();
      dropSnapshot(this.dir);
      this.open();
      return;
    }
    this.log = opened.log;
    this.damagedLines = opened.damagedLines;
  }

  get deviceId(): string {
    return this.outbox.state.deviceId;
  }
  get flushedSeq(): number {
    return this.outbox.state.flushedSeq;
  }
  get shareId(): string | null {
    return this.outbox.state.shareId;
  }

  /** Folds a batch in, keeping the cursors, the own outbox and the clock up to date. */
  private fold(ops: readonly Operation[], line: number): void {
    let latest = '';
    const own: Operation[] = [];
    // A batch is nearly always one device's run of operations: look its cursor up once.
    let device = '';
    let max = 0;
    for (const op of ops) {
      this.applyOne(op, line);
      if (op.hlc > latest) latest = op.hlc;
      const at = op.id.lastIndexOf(':');
      if (at !== device.length || !op.id.startsWith(device)) {
        if (device) this.maxSeqs.set(device, max);
        device = op.id.slice(0, at);
        max = this.maxSeqs.get(device) ?? 0;
      }
      const seq = +op.id.slice(at + 1);
      if (seq > max) max = seq;
      if (device === this.deviceId) own.push(op);
    }
    if (device) this.maxSeqs.set(device, max);
    this.counted(ops.length);
    this.outbox.track(own);
    if (latest) this.clock.observe(latest);
  }

  private applyOne(op: Operation, line: number): void {
    if (isConfigOperation(op)) {
      this.config.apply(op);
      if (this.configLines[this.configLines.length - 1] !== line) this.configLines.push(line);
    } else {
      this.index.apply(op, line);
      this.search.add(op);
    }
  }

  private counted(ops: number): void {
    this.opCount += ops;
    this.snapshots.counted(ops);
  }

  /** The word index for search (see SearchIndex): built on first use, then kept up to date. */
  textIndex(): Promise<TextIndex> {
    return this.search.get();
  }

  /** The word index if it is built, else null (callers that cannot wait search row text only). */
  readyTextIndex(): TextIndex | null {
    return this.search.ready();
  }

  commit(actor: Actor, draft: OperationDraft): Operation {
    return this.commitAll(actor, [draft])[0]!;
  }

  /** Several changes as one batch: one log line, one fsync, applied whole or not at all after a crash. */
  commitAll(actor: Actor, drafts: readonly OperationDraft[]): Operation[] {
    const first = this.outbox.nextSeq;
    const ops = drafts.map((draft, i) => ({ ...draft, id: operationId(this.deviceId, first + i), hlc: this.clock.now(), actor: { ...actor } }) as Operation);
    const line = this.log.append(ops);
    this.fold(ops, line);
    this.onCommit?.();
    return ops;
  }

  /** Whether the operation with this id is held (every device's operations are a gap-free prefix). */
  has(opId: string): boolean {
    const { deviceId, seq } = parseOperationId(opId);
    return seq <= (this.maxSeqs.get(deviceId) ?? 0);
  }

  /**
   * Adds operations read from the share as one batch (whole or not at all after a crash); held
   * ones are skipped, and compared. Not fsynced (see `pulled()`). `line` is the batch already encoded, used when every operation is new.
   */
  ingest(ops: readonly Operation[], line?: Buffer): IngestResult {
    const applied: Operation[] = [];
    const held: Operation[] = [];
    for (const op of ops) (this.has(op.id) ? held : applied).push(op);
    const contradictions = held.length ? this.contradicting(held) : [];
    if (applied.length) {
      const at = this.log.append(applied, { durable: false, line: applied.length === ops.length ? line : undefined });
      this.fold(applied, at);
    }
    return { applied, contradictions };
  }

  /**
   * The common case of a pull, made cheap: segment `first..last` of another device, right after
   * what is held from it (so every operation is new), whose ids the decoder has checked.
   */
  ingestNext(device: string, first: number, ops: readonly Operation[], line: Buffer): boolean {
    if (device === this.deviceId || first !== this.maxSeq(device) + 1) return false;
    const at = this.log.append(ops, { durable: false, line });
    for (const op of ops) this.applyOne(op, at);
    // One device's clock only moves forward, so its last operation carries its latest time.
    const latest = ops[ops.length - 1]?.hlc;
    this.maxSeqs.set(device, first + ops.length - 1);
    this.counted(ops.length);
    if (latest) this.clock.observe(latest);
    return true;
  }

  /** Nothing held and nothing written here yet: a device that may join from a share snapshot. */
  get isEmpty(): boolean {
    return this.log.lineCount === 0 && this.outbox.all.length === 0;
  }

  /** A join from a share snapshot is under way: the queue index does not cover the history yet. */
  get joining(): boolean {
    return this.join.active;
  }

  /** The latest clock value this store has issued or seen. */
  get latestClock(): string {
    return this.clock.latest();
  }

  /** The lines of this device's log: a share snapshot's index refers to them by number. */
  get lineCount(): number {
    return this.log.lineCount;
  }

  /** The operations on one line of the log, in the order they were written. */
  line(line: number): Operation[] {
    return this.log.readLines([line]);
  }

  /**
   * One line of a joining device's history (docs/sync.md §Snapshots): operations that the share
   * snapshot's queue index already covers. Written to the log and counted in the cursors and the
   * configuration, but not folded into the queue index: `adoptIndex` brings the snapshot's.
   */
  appendHistory([device, first, last]: [string, number, number], ops: readonly Operation[], line?: Buffer): number {
    if (!this.join.active && !this.isEmpty) throw new Error('A join from a share snapshot can only start on an empty store.');
    if (device === this.deviceId || first !== this.maxSeq(device) + 1 || ops.length !== last - first + 1) {
      throw new Error(`History line ${device}:${first}-${last} does not follow what is held; nothing was written.`);
    }
    const at = this.log.append(ops, { durable: false, line });
    // The decoder checked the ids against the line's source: the cursor moves without reading them.
    for (const op of ops) if (isConfigOperation(op)) this.applyOne(op, at);
    this.maxSeqs.set(device, last);
    this.counted(ops.length);
    this.join.record(at);
    return at;
  }

  /**
   * Ends a join: the snapshot's index stands for the history lines (unless the history says
   * otherwise: see `misfolded`). Its line numbers are the writer's; they are this log's too unless
   * a local change was written in between, and those changes are folded into the new index again.
   */
  adoptIndex(entries: IndexEntry[], people: [string, string[]][], clock: string): void {
    this.join.remap(entries);
    const wrong = misfolded(entries, this.log);
    if (wrong) {
      console.warn(`Interdesk: the share snapshot's queue differs from its history for request ${wrong}; folding the history instead.`);
      this.abandonHistory();
      return;
    }
    this.index = QueueIndex.restore(entries, people);
    const inHistory = new Set(this.join.end());
    for (let line = 0; line < this.log.lineCount; line++) if (!inHistory.has(line)) this.refold(line);
    this.clock.observe(clock);
  }

  /** A join that failed part-way: the history written so far is folded, as any pull would have. */
  abandonHistory(): void {
    const history = this.join.end();
    // Closed: the next start folds the whole log anyway.
    if (!this.closed) for (const line of history) this.refold(line);
  }

  private refold(line: number): void {
    for (const op of this.log.readLines([line])) if (!isConfigOperation(op)) this.index.apply(op, line);
  }

  /** Of operations already held by id, those whose stored content differs (a rare path: conflict copies). */
  private contradicting(ops: readonly Operation[]): Operation[] {
    const stored = new Map<string, Operation>();
    for (const target of new Set(ops.map((op) => op.target))) {
      const lines = target === CONFIG_TARGET ? this.configLines : this.index.entry(target)?.lines;
      if (lines) for (const op of this.log.readLines(lines)) stored.set(op.id, op);
    }
    return ops.filter((op) => {
      const mine = stored.get(op.id);
      return !mine || mine.hlc !== op.hlc;
    });
  }

  /**
   * A pull has ended. What it brought is not fsynced: the share still has it, and a power cut
   * only cuts the log back to a batch boundary, from where the next sync reads again. When much
   * has come in, a snapshot (which does sync) follows once the app has been quiet for a moment.
   */
  pulled(): void {
    this.snapshots.pulled();
  }

  snapshot(): void {
    // The snapshot names a log position: everything before it must be on disk first.
    this.log.sync();
    saveSnapshot(this.dir, {
      version: 4,
      deviceId: this.deviceId,
      position: { bytes: this.log.bytes, lineOffsets: this.log.lineOffsets },
      opCount: this.opCount,
      clock: this.clock.latest(),
      maxSeqs: [...this.maxSeqs],
      own: [...this.outbox.all],
      entries: this.index.dump(),
      people: this.index.dumpPeople(),
      config: this.config.dump(),
      configLines: this.configLines,
    });
    this.snapshots.written();
    this.search.save();
  }

  /** The highest sequence number held from `device`: the sync cursor for it. */
  maxSeq(device: string): number {
    return this.maxSeqs.get(device) ?? 0;
  }

  request(id: string): IndexEntry | undefined {
    return this.index.get(id);
  }

  requests(): IterableIterator<IndexEntry> {
    return this.index.requests();
  }

  /**
   * The whole request as the `viewer` department may see it, folded from its operations as they
   * are in the log; `sla` is its clocks.
   */
  detail(id: string, viewer: string, sla: (entry: IndexEntry) => ComputedSla | null = () => null): RequestDetail | undefined {
    const entry = this.index.get(id);
    if (!entry) return undefined;
    const replica = new Replica();
    for (const op of this.log.readTarget(entry.lines, id)) replica.apply(op);
    return toDetail(replica.get(id)!, sla(entry), viewer);
  }

  /** Every operation in the log (tests, digests, re-identification). */
  operations(): Operation[] {
    return this.log.readAll();
  }

  /** This device's operations not yet in a segment on the share: the outbox. */
  pending(): Operation[] {
    return this.outbox.pending();
  }

  /** How many changes wait for the share, without copying them (status lines ask often). */
  get pendingCount(): number {
    return this.outbox.pendingCount;
  }

  /** Whether `op` is, field for field, one this device wrote (not just one with the same id). */
  isOwn(op: Operation): boolean {
    return this.outbox.isOwn(op);
  }

  markFlushed(seq: number): void {
    this.outbox.markFlushed(seq);
  }

  /** Remembers the share by its id; a share with another id has none of our operations yet. */
  joinShare(shareId: string): void {
    this.outbox.joinShare(shareId);
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
    const from = this.deviceId;
    const afterSeq = this.flushedSeq;
    this.outbox.save({ ...this.outbox.state, deviceId: randomUUID(), flushedSeq: 0, renaming: { from, afterSeq } });
    this.rewriteWithNewIdentity(from, afterSeq);
    return this.deviceId;
  }

  private rewriteWithNewIdentity(from: string, afterSeq: number): void {
    const to = this.deviceId;
    const ops = this.log.readAll();
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
    dropSnapshot(this.dir);
    this.search.drop();
    this.reset();
    this.log = this.log.replaceWith(
      ops.map((op) => renamed.get(op.id) ?? op),
      (batch, line) => this.fold(batch, line),
    );
    this.outbox.save({ ...this.outbox.state, renaming: null });
  }

  /** Closes the log; a snapshot first when anything came in since the last, for a fast next start. */
  close(): void {
    if (!this.closed && !this.snapshots.close()) this.search.save();
    this.closed = true;
    this.log.close();
  }
}
