import { randomUUID } from 'node:crypto';
import { HlcClock, formatHlc, parseHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET, isConfigOperation, operationId, parseOperationId, sameJson } from '../../shared/ops/operations.js';
import { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, toDetail } from '../../shared/model/replica.js';
import type { RequestDetail } from '../../shared/model/request.js';
import type { Actor } from '../../shared/core/actor.js';
import type { ComputedSla } from '../../shared/model/requestSla.js';
import { TextIndex } from '../../shared/model/textIndex.js';
import { OpLog } from './opLog.js';
import { dropSnapshot, loadSnapshot, saveSnapshot } from './snapshot.js';
import { dropTextIndex, loadTextIndex, saveTextIndex } from './textIndexFile.js';
import type { SyncState } from './syncState.js';
import { loadSyncState, saveSyncState } from './syncState.js';

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

/** How many entries of a share snapshot a join folds again to compare (see `misfolded`). */
const SPOT_CHECKS = 16;

/** Lines appended since the last snapshot before a new one is worth writing. */
const SNAPSHOT_AFTER_OPS = 20_000;

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
  private seq = 0;
  private own: Operation[] = [];
  private readonly maxSeqs = new Map<string, number>();
  /** Added to the local clock when the share says it is off (docs/sync.md §Clock skew). */
  private clockCorrectionMs = 0;
  private state: SyncState;
  private opsSinceSnapshot = 0;
  private closed = false;
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** The word index for search: built from the log on first use, then kept up to date. */
  private text: TextIndex | null = null;
  private textBuild: Promise<TextIndex> | null = null;
  /** How many log lines the saved search index covers (-1: none saved by this process). */
  private textSavedLines = -1;
  /** While a join from a share snapshot is under way: the log lines of its history, in order. */
  private history: number[] | null = null;

  private constructor(
    private readonly dir: string,
    private readonly now: () => number,
    fallbackDeviceId: string,
  ) {
    const saved = loadSyncState(dir);
    this.state = saved ?? { deviceId: fallbackDeviceId, flushedSeq: 0, shareId: null, renaming: null };
    // A fresh install writes its identity at once, so the store's id wins from here on.
    if (!saved) saveSyncState(dir, this.state);
    this.open();
    if (this.state.renaming) this.rewriteWithNewIdentity(this.state.renaming.from, this.state.renaming.afterSeq);
  }

  static open({ dir, deviceId, now = Date.now }: RequestStoreOptions): RequestStore {
    return new RequestStore(dir, now, deviceId);
  }

  private reset(): void {
    this.index = new QueueIndex();
    this.config = new ConfigState();
    this.configLines = [];
    this.clock = new HlcClock(this.state.deviceId, () => this.clockNow());
    this.seq = 0;
    this.own = [];
    this.maxSeqs.clear();
    this.opCount = 0;
    this.text = null;
    this.textBuild = null;
    this.textSavedLines = -1;
    this.history = null;
  }

  private open(): void {
    this.reset();
    const snapshot = loadSnapshot(this.dir, this.state.deviceId);
    if (snapshot) {
      this.index = QueueIndex.restore(snapshot.entries, snapshot.people);
      this.config = ConfigState.restore(snapshot.config);
      this.configLines = [...snapshot.configLines];
      for (const [device, seq] of snapshot.maxSeqs) this.maxSeqs.set(device, seq);
      this.opCount = snapshot.opCount;
      this.trackOwn(snapshot.own);
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
    return this.state.deviceId;
  }
  get flushedSeq(): number {
    return this.state.flushedSeq;
  }
  get shareId(): string | null {
    return this.state.shareId;
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
      if (device === this.state.deviceId) own.push(op);
    }
    if (device) this.maxSeqs.set(device, max);
    this.opCount += ops.length;
    this.opsSinceSnapshot += ops.length;
    this.trackOwn(own);
    if (latest) this.clock.observe(latest);
  }

  private applyOne(op: Operation, line: number): void {
    if (isConfigOperation(op)) {
      this.config.apply(op);
      if (this.configLines[this.configLines.length - 1] !== line) this.configLines.push(line);
    } else {
      this.index.apply(op, line);
      this.text?.add(op);
    }
  }

  /**
   * The word index. On first use: the one saved at the last quit (text-index.bin), then the log
   * lines after it, a line at a time, yielding between lines so the app answers meanwhile
   * (without a saved index, about the time of a cold start at a million operations); lines
   * appended during the build are read by it too, and after it by `applyOne`. It is saved with
   * every snapshot and at quit.
   */
  textIndex(): Promise<TextIndex> {
    if (this.text) return Promise.resolve(this.text);
    return (this.textBuild ??= this.buildText());
  }

  /** The word index if it is built, else null (callers that cannot wait search row text only). */
  readyTextIndex(): TextIndex | null {
    return this.text;
  }

  private async buildText(): Promise<TextIndex> {
    const log = this.log;
    const saved = loadTextIndex(this.dir, this.state.deviceId, (line) => log.lineAt(line));
    const index = saved?.index ?? new TextIndex();
    for (let line = saved?.lines ?? 0; line < log.lineCount; line++) {
      if (log !== this.log || this.closed) throw new Error('The store was closed or rewritten while search was being prepared; search again.');
      for (const op of log.readLines([line])) if (!isConfigOperation(op)) index.add(op);
      // A pulled line is thousands of operations (~10 ms to parse): yield after each, so calls waiting on the main process go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.text = index;
    this.textBuild = null;
    this.textSavedLines = saved?.lines ?? -1;
    return index;
  }

  /** Keeps the search index for the next start, when it holds lines the saved one does not. */
  private saveText(): void {
    const lines = this.log.lineCount;
    if (!this.text || this.textSavedLines === lines) return;
    try {
      saveTextIndex(this.dir, this.state.deviceId, { lines, bytes: this.log.bytes, lastLine: this.log.lineAt(lines - 1)?.bytes ?? Buffer.alloc(0) }, this.text);
      this.textSavedLines = lines;
    } catch (err) {
      console.warn(`Interdesk: the search index was not saved (${(err as Error).message}); the next start builds it again.`);
    }
  }

  private trackOwn(ops: readonly Operation[]): void {
    for (const op of ops) {
      this.own.push(op);
      const seq = parseOperationId(op.id).seq;
      if (seq > this.seq) this.seq = seq;
    }
  }

  commit(actor: Actor, draft: OperationDraft): Operation {
    return this.commitAll(actor, [draft])[0]!;
  }

  /** Several changes as one batch: one log line, one fsync, applied whole or not at all after a crash. */
  commitAll(actor: Actor, drafts: readonly OperationDraft[]): Operation[] {
    const ops = drafts.map(
      (draft, i) =>
        ({
          ...draft,
          id: operationId(this.state.deviceId, this.seq + 1 + i),
          hlc: this.clock.now(),
          actor: { ...actor },
        }) as Operation,
    );
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
    if (device === this.state.deviceId || first !== this.maxSeq(device) + 1) return false;
    const at = this.log.append(ops, { durable: false, line });
    for (const op of ops) this.applyOne(op, at);
    // One device's clock only moves forward, so its last operation carries its latest time.
    const latest = ops[ops.length - 1]?.hlc;
    this.maxSeqs.set(device, first + ops.length - 1);
    this.opCount += ops.length;
    this.opsSinceSnapshot += ops.length;
    if (latest) this.clock.observe(latest);
    return true;
  }

  /** Nothing held and nothing written here yet: a device that may join from a share snapshot. */
  get isEmpty(): boolean {
    return this.log.lineCount === 0 && this.own.length === 0;
  }

  /** A join from a share snapshot is under way: the queue index does not cover the history yet. */
  get joining(): boolean {
    return this.history !== null;
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
    if (!this.history && !this.isEmpty) throw new Error('A join from a share snapshot can only start on an empty store.');
    if (device === this.state.deviceId || first !== this.maxSeq(device) + 1 || ops.length !== last - first + 1) {
      throw new Error(`History line ${device}:${first}-${last} does not follow what is held; nothing was written.`);
    }
    const at = this.log.append(ops, { durable: false, line });
    // The decoder checked the ids against the line's source: the cursor moves without reading them.
    for (const op of ops) if (isConfigOperation(op)) this.applyOne(op, at);
    this.maxSeqs.set(device, last);
    this.opCount += ops.length;
    this.opsSinceSnapshot += ops.length;
    (this.history ??= []).push(at);
    return at;
  }

  /**
   * Ends a join: the snapshot's index stands for the history lines (unless the history says
   * otherwise: see `misfolded`). Its line numbers are the writer's; they are this log's too unless
   * a local change was written in between, and those changes are folded into the new index again.
   */
  adoptIndex(entries: IndexEntry[], people: [string, string[]][], clock: string): void {
    const history = this.history ?? [];
    if (history.some((at, i) => at !== i)) for (const e of entries) e.lines = e.lines.map((n) => history[n]!);
    const wrong = this.misfolded(entries);
    if (wrong) {
      console.warn(`Interdesk: the share snapshot's queue differs from its history for request ${wrong}; folding the history instead.`);
      this.abandonHistory();
      return;
    }
    this.index = QueueIndex.restore(entries, people);
    const inHistory = new Set(history);
    for (let line = 0; line < this.log.lineCount; line++) if (!inHistory.has(line)) this.refold(line);
    this.clock.observe(clock);
    this.history = null;
  }

  /**
   * Folds the requests of some adopted entries again from the copied history and compares: a
   * snapshot from a faulty build (or a tampered one) rarely gets a few requests wrong, and the
   * cost of looking is a few detail reads. Answers the first request that differs, or null.
   */
  private misfolded(entries: readonly IndexEntry[]): string | null {
    const picked = new Set<number>();
    while (picked.size < Math.min(SPOT_CHECKS, entries.length)) picked.add(Math.floor(Math.random() * entries.length));
    for (const i of picked) {
      const adopted = entries[i]!;
      const fresh = new QueueIndex();
      for (const line of adopted.lines) for (const op of this.log.readTarget([line], adopted.id)) if (!isConfigOperation(op)) fresh.apply(op, line);
      if (!sameJson(fresh.entry(adopted.id) ?? null, adopted)) return adopted.id;
    }
    return null;
  }

  /** A join that failed part-way: the history written so far is folded, as any pull would have. */
  abandonHistory(): void {
    const history = this.history ?? [];
    this.history = null;
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
    if (this.opsSinceSnapshot < SNAPSHOT_AFTER_OPS || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      if (!this.closed) this.trySnapshot();
    }, 2_000);
    this.snapshotTimer.unref();
  }

  snapshot(): void {
    // The snapshot names a log position: everything before it must be on disk first.
    this.log.sync();
    saveSnapshot(this.dir, {
      version: 4,
      deviceId: this.state.deviceId,
      position: { bytes: this.log.bytes, lineOffsets: this.log.lineOffsets },
      opCount: this.opCount,
      clock: this.clock.latest(),
      maxSeqs: [...this.maxSeqs],
      own: this.own,
      entries: this.index.dump(),
      people: this.index.dumpPeople(),
      config: this.config.dump(),
      configLines: this.configLines,
    });
    this.opsSinceSnapshot = 0;
    this.saveText();
  }

  /** A snapshot is derived data: failing to write one costs a slower start, never an error. */
  private trySnapshot(): void {
    // Mid-join the index lacks the history: the next start folds the whole log instead.
    if (this.history) return;
    try {
      this.snapshot();
    } catch (err) {
      console.warn(`Interdesk: no snapshot written (${(err as Error).message}); the next start reads the whole log.`);
    }
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
  // `own` holds this device's operations in sequence order from 1 without gaps (each commit takes
  // the next number), so operation n is at index n − 1.
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
    this.rewriteWithNewIdentity(from, afterSeq);
    return this.state.deviceId;
  }

  private rewriteWithNewIdentity(from: string, afterSeq: number): void {
    const to = this.state.deviceId;
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
    dropTextIndex(this.dir);
    this.reset();
    this.log = this.log.replaceWith(
      ops.map((op) => renamed.get(op.id) ?? op),
      (batch, line) => this.fold(batch, line),
    );
    this.state = { ...this.state, renaming: null };
    saveSyncState(this.dir, this.state);
  }

  /** Closes the log; a snapshot first when anything came in since the last, for a fast next start. */
  close(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    if (this.opsSinceSnapshot > 0 && !this.closed) this.trySnapshot();
    else if (!this.closed) this.saveText();
    this.closed = true;
    this.log.close();
  }
}
