// Over 300 lines on purpose: this is the store's whole API, for the services and for the sync, in
// one class that keeps the log and what it folds into in step on every way in (commit, pull,
// join, a join's queues shown before its history, audit). The work is in its parts, each in its own file (the folded state, the outbox, the
// search index, the history join, the snapshot audit, the local snapshots); most members here are
// a line handing over to one, with the comment that says what the sync or the services rely on
// (the roster, the pinned keys and an upgrade statement's coverage included: the fold needs them, and
// the sync keeps them). Splitting the trust accessors into a helper would still leave a line each here.
import type { Roster } from '../../shared/model/roster.js';
import { randomUUID } from 'node:crypto';
import type { Operation, SealedContentOp } from '../../shared/ops/operations.js';
import { OPERATION_TYPES, operationId, parseOperationId } from '../../shared/ops/operations.js';
import type { ConfigOperation } from '../../shared/ops/operations.js';
import { parseOperation } from '../../shared/ops/operationSchema.js';
import type { ConfigState } from '../../shared/model/configState.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { QueueIndex } from '../../shared/model/queueIndex.js';
import type { RequestRecord } from '../../shared/model/replica.js';
import { Replica, sealedContentOf, toDetail } from '../../shared/model/replica.js';
import type { RequestDetail } from '../../shared/model/request.js';
import type { Actor } from '../../shared/core/actor.js';
import type { ComputedSla } from '../../shared/model/requestSla.js';
import type { NoteOpener, TextIndex } from '../../shared/model/textIndex.js';
import { FoldedState } from './foldedState.js';
import { HistoryJoin } from './historyJoin.js';
import { LocalSnapshots } from './localSnapshots.js';
import { OpLog } from './opLog.js';
import { Outbox, renumbered } from './outbox.js';
import type { Coverage } from './coverageCheck.js';
import { CoverageCheck, HistoryDigest } from './coverageCheck.js';
import { SearchIndex } from './searchIndex.js';
import type { AuditResult } from './snapshotAudit.js';
import { SnapshotAudit } from './snapshotAudit.js';
import { dropSnapshot, loadSnapshot, saveSnapshot } from './snapshot.js';

/** An operation as a caller describes it; the store gives it its id, clock and actor. */
export type OperationDraft = Operation extends infer O ? (O extends Operation ? Pick<O, 'type' | 'target' | 'fields'> : never) : never;

export interface RequestStoreOptions {
  dir: string;
  /** The id to use when this store has none yet (a fresh install); the store's own id wins after. */
  deviceId: string;
  now?: () => number;
  /** This machine's public key (docs/sync.md §Trust): what the roster knows its own changes by. */
  publicKey?: string;
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
  damagedLines = 0;
  /** Called after every local commit (the sync engine schedules a flush). */
  onCommit: (() => void) | null = null;
  /** Called when the audit of an adopted share snapshot ends; a faulty one has been replaced by the fold of the history. */
  onAudited: ((result: AuditResult) => void) | null = null;
  private log!: OpLog;
  /** What the log folds into: queue index, configuration, cursors, clock. */
  private folded!: FoldedState;
  /** Added to the local clock when the share says it is off (docs/sync.md §Clock skew). */
  private clockCorrectionMs = 0;
  private closed = false;
  private readonly outbox: Outbox;
  private readonly search: SearchIndex;
  private readonly join: HistoryJoin;
  private readonly snapshots: LocalSnapshots;
  private readonly audit: SnapshotAudit;
  /** The history an upgrade statement covers, checked as it is folded. */
  private readonly coverage: CoverageCheck;

  private constructor(
    private readonly dir: string,
    private readonly now: () => number,
    fallbackDeviceId: string,
    private readonly publicKey: string | null,
  ) {
    this.outbox = new Outbox(dir, fallbackDeviceId);
    this.coverage = new CoverageCheck(
      () => this.outbox.state,
      (device, verdict) => {
        this.outbox.save({ ...this.outbox.state, coverVerdicts: { ...this.outbox.state.coverVerdicts, [device]: verdict } });
        if (verdict === 'differs') this.folded.rulesMoved();
      },
    );
    this.search = new SearchIndex({
      dir,
      deviceId: () => this.deviceId,
      log: () => this.log,
      closed: () => this.closed,
      openNote: (op) => this.noteOpener?.(op) ?? null,
    });
    this.join = new HistoryJoin({
      log: () => this.log,
      folded: () => this.folded,
      deviceId: () => this.deviceId,
      isEmpty: () => this.isEmpty,
      closed: () => this.closed,
      counted: (ops) => this.snapshots.counted(ops),
    });
    this.audit = new SnapshotAudit({ log: () => this.log, folded: () => this.folded, closed: () => this.closed });
    // Mid-join the index lacks the history: the next start folds the whole log instead. (While an
    // adopted snapshot is audited, a local snapshot says so, and the next start audits again.)
    this.snapshots = new LocalSnapshots(() => !this.closed && !this.join.active && this.snapshot());
    this.open();
    const renaming = this.outbox.state.renaming;
    if (renaming) this.rewriteWithNewIdentity(renaming.from, renaming.afterSeq);
  }

  static open({ dir, deviceId, now = Date.now, publicKey }: RequestStoreOptions): RequestStore {
    return new RequestStore(dir, now, deviceId, publicKey ?? null);
  }

  private reset(): void {
    this.folded = new FoldedState(
      this.deviceId,
      () => this.clockNow(),
      (op) => this.search.add(op),
      {
        root: () => this.outbox.state.root ?? null,
        keyOf: (device) => (device === this.deviceId || this.outbox.state.formerIds?.includes(device) ? this.publicKey : this.outbox.pinnedKey(device)),
        coverage: this.coverage,
      },
    );
    this.outbox.reset();
    this.search.reset();
    this.join.end();
  }

  private open(): void {
    this.reset();
    const snapshot = loadSnapshot(this.dir, this.deviceId);
    if (snapshot) {
      this.folded.restore(snapshot);
      this.outbox.track(snapshot.own);
    }
    const opened = OpLog.open(this.dir, (values, line) => this.foldStored(values, line), snapshot?.position);
    if (snapshot && !opened.resumed) {
      // The log no longer reaches the snapshot's end (it was cut back): rebuild from the log alone.
      opened.log.close();
      dropSnapshot(this.dir);
      this.open();
      return;
    }
    this.log = opened.log;
    // Covered history held whole but not compared yet (a restart mid-check, a snapshot's start): one pass compares it.
    if (this.coverage.undecided((device) => this.folded.maxSeq(device))) this.folded.rulesMoved();
    this.folded.settleStale(this.log);
    this.damagedLines = opened.damagedLines;
    if (snapshot?.auditPending) this.scheduleAudit();
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
  /** When the share this device syncs with was created, as first seen (see SyncState). */
  get shareCreatedAt(): number | null {
    return this.outbox.state.shareCreatedAt ?? null;
  }

  /** The queue index: every request's registers, SLA marks and log lines. */
  get index(): QueueIndex {
    return this.folded.index;
  }
  /** Every department's configuration, folded from the configuration operations in the log. */
  get config(): ConfigState {
    return this.folded.config;
  }
  get opCount(): number {
    return this.folded.opCount;
  }
  /** Operations held of types a newer build added: kept in the log, not folded (docs/sync.md §Mixed versions). */
  get foreign(): number {
    return this.folded.foreign;
  }
  /** Operations in the log this build cannot read: skipped at start (see FoldedState.foldStored). */
  get unreadable(): number {
    return this.folded.unreadable;
  }

  /** A batch read back from the log: every operation checked again (see FoldedState.foldStored). */
  private foldStored(values: readonly unknown[], line: number): void {
    this.outbox.track(this.folded.foldStored(values, line, this.deviceId));
    this.snapshots.counted(values.length);
  }

  /** Folds a batch in, keeping the cursors, the own outbox and the clock up to date. */
  private fold(ops: readonly Operation[], line: number): void {
    this.outbox.track(this.folded.fold(ops, line, this.deviceId));
    this.snapshots.counted(ops.length);
  }

  /** The word index for search (see SearchIndex): built on first use, then kept up to date; after a join's history is in. */
  async textIndex(): Promise<TextIndex> {
    await this.whenJoined();
    return this.search.get();
  }

  /** Opens sealed notes for search; set by the services, which hold the department keys. */
  noteOpener: NoteOpener | null = null;

  /** Keys arrived that open notes already indexed without their words: search builds its index again from the log. */
  forgetSearchIndex(): void {
    this.search.drop();
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
    const ops = drafts.map(
      (draft, i) => ({ ...draft, id: operationId(this.deviceId, first + i), hlc: this.folded.clock.now(), actor: { ...actor } }) as Operation,
    );
    // The log never takes what its own reader, or any other machine's, would refuse: such a line
    // could not be folded on the next start, and its segment would never arrive anywhere.
    for (const op of ops) {
      if (!parseOperation(JSON.parse(JSON.stringify(op)))) {
        throw new Error(`This change could not be saved: ${op.type} on ${op.target} is not a valid operation. Nothing was written; please report this.`);
      }
    }
    const line = this.log.append(ops);
    this.fold(ops, line);
    this.folded.settleStale(this.log);
    this.onCommit?.();
    return ops;
  }

  /** Whether the operation with this id is held (every device's operations are a gap-free prefix). */
  has(opId: string): boolean {
    return this.folded.has(opId);
  }

  /**
   * Adds operations read from the share as one batch (whole or not at all after a crash); held
   * ones are skipped, and compared. Not fsynced (see `pulled()`). `line` is the batch already encoded, used when every operation is new.
   */
  ingest(ops: readonly Operation[], line?: Buffer): IngestResult {
    const applied: Operation[] = [];
    const held: Operation[] = [];
    for (const op of ops) (this.has(op.id) ? held : applied).push(op);
    const contradictions = held.length ? this.folded.contradicting(this.log, held) : [];
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
    for (const op of ops) this.folded.applyOne(op, at);
    // One device's clock only moves forward, so its last operation carries its latest time.
    this.folded.advance(device, first + ops.length - 1, ops.length, ops[ops.length - 1]?.hlc);
    this.snapshots.counted(ops.length);
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
    return this.folded.clock.latest();
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
   * Shows a share snapshot's queues before the history behind them is copied (HistoryJoin.begin).
   * Until the join ends (`adoptIndex` or `abandonHistory`) opening a request and search wait for it.
   */
  beginHistory(entries: IndexEntry[], people: [string, string[]][], clock: string, config: readonly ConfigOperation[]): void {
    this.join.begin(entries, people, clock, config);
  }

  /** Resolves when a join shows a share snapshot's queues (beginHistory): setup need not wait for the history behind them. */
  whenQueuesShown(): Promise<void> {
    return this.join.firstShown;
  }

  /** Resolves when no join is under way: a request's lines are this log's, and every one is here. */
  whenJoined(): Promise<void> {
    return this.join.ended;
  }

  /** Resolves when the request can be opened: at once, unless a join under way has yet to copy the history behind it. */
  whenOpenable(id: string): Promise<void> {
    return this.join.readable(this.index.get(id)?.lines ?? []);
  }

  /** The configuration operations held (a share snapshot carries them, so a joining machine has its clocks at once). */
  configOperations(): ConfigOperation[] {
    return this.folded.configOperations(this.log);
  }

  /** One line of a joining device's history (docs/sync.md §Snapshots; see HistoryJoin.append). */
  appendHistory(range: [string, number, number], ops: readonly Operation[], line?: Buffer): number {
    return this.join.append(range, ops, line);
  }

  /**
   * Ends a join by adopting the share snapshot's queue index (see HistoryJoin.adopt), and starts
   * its audit against the whole copied history (SnapshotAudit) once `releaseAudit` is called;
   * `onAudited` hears how it ended.
   */
  adoptIndex(entries: IndexEntry[], people: [string, string[]][], clock: string): void {
    this.join.adopt(entries, people, clock);
    this.scheduleAudit();
  }

  /** The audit of the adopted index, from when the sync releases it. */
  private scheduleAudit(): void {
    const released = new Promise<void>((resolve) => {
      this.releaseAudit = resolve;
    });
    void this.audit.start(released).then((result) => {
      if (!('stopped' in result)) this.snapshots.stale();
      this.onAudited?.(result);
    });
  }

  /** Lets an adopted snapshot's audit begin: the sync calls it when the cycle that joined has ended. */
  releaseAudit: () => void = () => undefined;

  /** The latest audit of an adopted share snapshot, or null (tests and the bench wait for it). */
  get audited(): Promise<AuditResult> | null {
    return this.audit.done;
  }

  /** A join that failed part-way: the history written so far is folded, as any pull would have. */
  abandonHistory(): void {
    this.join.abandon();
  }

  /**
   * A pull has ended. What it brought is not fsynced: the share still has it, and a power cut
   * only cuts the log back to a batch boundary, from where the next sync reads again. When much
   * has come in, a snapshot (which does sync) follows once the app has been quiet for a moment.
   */
  pulled(): void {
    // Once a pull, not per batch: a request folded again reads its log lines, and a join's are large.
    this.folded.settleStale(this.log);
    this.snapshots.pulled();
  }

  snapshot(): void {
    // The snapshot names a log position: everything before it must be on disk first.
    this.log.sync();
    saveSnapshot(this.dir, {
      version: 6,
      deviceId: this.deviceId,
      position: { bytes: this.log.bytes, lineOffsets: this.log.lineOffsets },
      opCount: this.opCount,
      foreign: this.folded.foreign,
      unreadable: this.folded.unreadable,
      knownTypes: [...OPERATION_TYPES],
      auditPending: this.audit.active,
      clock: this.folded.clock.latest(),
      maxSeqs: [...this.folded.maxSeqs],
      own: [...this.outbox.all],
      entries: this.index.dump(),
      people: this.index.dumpPeople(),
      config: this.config.dump(),
      configLines: this.folded.configLines,
      roster: [...this.folded.roster.operations()],
      refusals: [...this.index.refusals.values()],
    });
    this.snapshots.written();
    this.search.save();
  }

  /** The highest sequence number held from `device`: the sync cursor for it. */
  maxSeq(device: string): number {
    return this.folded.maxSeq(device);
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
  detail(
    id: string,
    viewer: string,
    sla: (entry: IndexEntry) => ComputedSla | null = () => null,
  ): (RequestDetail & { sealedContent?: SealedContentOp }) | undefined {
    const rec = this.record(id);
    if (!rec) return undefined;
    const detail = toDetail(rec, sla(this.index.get(id)!), viewer);
    const sealed = sealedContentOf(rec);
    return sealed ? { ...detail, sealedContent: sealed } : detail;
  }

  /** A confidential request's sealed text, as the rules let it count (docs/sync.md §Confidential requests). */
  sealedContent(id: string): SealedContentOp | undefined {
    const rec = this.record(id);
    return rec && sealedContentOf(rec);
  }

  /** The request folded in full from its log lines. */
  private record(id: string): RequestRecord | undefined {
    const entry = this.index.get(id);
    if (!entry) return undefined;
    const replica = new Replica(this.folded.roster);
    for (const op of this.log.readTarget(this.join.here(entry.lines), id)) replica.apply(op);
    return replica.get(id);
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
  joinShare(shareId: string, createdAt: number, root: string | null = null, covers?: Record<string, Coverage>): void {
    this.outbox.joinShare(shareId, createdAt, root, covers);
    this.folded.roster.changed();
  }

  /**
   * A share made before keys turned its roles on (docs/sync.md §Upgrading a share): `root` is its
   * first admin's key from now on, and the history `covers` names counts as it was. Everything
   * folded so far is judged again.
   */
  adoptUpgrade(root: string, covers: Record<string, Coverage>): void {
    this.outbox.save({ ...this.outbox.state, root, covers, coverVerdicts: {} });
    this.folded.rulesMoved();
    this.folded.settleStale(this.log);
  }

  /**
   * What an upgrade statement covers of the history held here: per device, its operations 1..n
   * held without a gap, and their digest (one pass over the log).
   */
  historyCoverage(): Record<string, Coverage> {
    const digests = new Map<string, HistoryDigest>();
    for (let line = 0; line < this.log.lineCount; line++)
      for (const op of this.log.readLines([line])) {
        const { deviceId, seq } = parseOperationId(op.id);
        let digest = digests.get(deviceId);
        if (!digest) digests.set(deviceId, (digest = new HistoryDigest()));
        digest.add(op, seq);
      }
    return Object.fromEntries([...digests].filter(([, d]) => d.next > 1).map(([device, d]) => [device, { through: d.next - 1, sha256: d.digest() }]));
  }

  /** Covered history this machine found changed since the upgrade statement: what to tell the person. */
  coverageProblems(): string[] {
    return Object.entries(this.outbox.state.coverVerdicts ?? {})
      .filter(([, verdict]) => verdict === 'differs')
      .map(
        ([device]) =>
          `The history of computer ${device.slice(0, 8)} on the shared folder is not what the admin's upgrade statement covers (its files changed after roles were turned on): its changes from before then no longer count here. Ask an admin to check that computer's folder.`,
      );
  }

  /** The share's root key as this machine pinned it when it first met the share, or null (a share from before keys). */
  get shareRoot(): string | null {
    return this.outbox.state.root ?? null;
  }

  /** The roster: who may act for which department (People, and the session's departments). */
  get roster(): Roster {
    return this.folded.roster;
  }

  /** This machine's public key, or null (tests without one). */
  get ownKey(): string | null {
    return this.publicKey;
  }

  /** The key a device folder on the share published when first read (null: none); undefined before. */
  pinnedKey(device: string): string | null | undefined {
    return this.outbox.pinnedKey(device);
  }

  pinKey(device: string, key: string | null): void {
    this.outbox.pinKey(device, key);
    this.folded.roster.changed();
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
  /** When this device last took a new id (ms since 1970), or null. */
  get renamedAt(): number | null {
    return this.outbox.state.renamedAt ?? null;
  }

  /**
   * Takes a new id. `keyed`: the old id's folder showed this machine's key, so what it wrote there
   * stays this key's; a folder of a build before keys does not (readers pinned it without one).
   */
  reidentify(keyed = true): string {
    const from = this.deviceId;
    const afterSeq = this.flushedSeq;
    const formerIds = [...(this.outbox.state.formerIds ?? []), ...(keyed ? [from] : [])];
    const keys = { ...this.outbox.state.keys, ...(keyed ? {} : { [from]: null }) };
    this.outbox.save({ ...this.outbox.state, deviceId: randomUUID(), flushedSeq: 0, renaming: { from, afterSeq }, renamedAt: this.now(), formerIds, keys });
    this.rewriteWithNewIdentity(from, afterSeq);
    return this.deviceId;
  }

  private rewriteWithNewIdentity(from: string, afterSeq: number): void {
    const ops = renumbered(this.log.readAll(), from, afterSeq, this.deviceId);
    dropSnapshot(this.dir);
    this.search.drop();
    this.reset();
    this.log = this.log.replaceWith(ops, (batch, line) => this.fold(batch, line));
    this.outbox.save({ ...this.outbox.state, renaming: null });
  }

  /** Closes the log; a snapshot first when anything came in since the last, for a fast next start. */
  close(): void {
    if (!this.closed && !this.snapshots.close()) this.search.save();
    this.closed = true;
    this.log.close();
  }
}
