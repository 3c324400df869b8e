import { ConfigState } from '../../shared/model/configState.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { HlcClock } from '../../shared/ops/hlc.js';
import { isKnownOperation, isOperationId, parseOperation } from '../../shared/ops/operationSchema.js';
import type { ConfigOperation, Operation, RequestOperation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET, isConfigOperation, isRequestOperation, isRosterOperation, parseOperationId } from '../../shared/ops/operations.js';
import { Roster } from '../../shared/model/roster.js';
import type { CoverageCheck } from './coverageCheck.js';
import type { OpLog } from './opLog.js';
import type { Snapshot } from './snapshot.js';

/**
 * What the local log folds into, in memory: the queue index, every department's configuration
 * (and the log lines that hold it), each device's cursor, how many operations are held, and the
 * clock. Every device's operations are held as a gap-free prefix 1..cursor (segments are read in
 * order, whole), so "have I got this operation?" is a comparison, not a million-entry set.
 */
/** What the roster needs of this machine (docs/sync.md §Trust): the share's root key and each device folder's pinned key. */
export interface KeyPins {
  root(): string | null;
  keyOf(device: string): string | null | undefined;
  /** The history an upgrade statement covers, checked as it is folded (docs/sync.md §Upgrading a share). */
  coverage?: CoverageCheck;
}

export class FoldedState {
  index = new QueueIndex();
  /** Who may act for which department when: every fold asks it. */
  readonly roster: Roster;
  /** A roster change arrived after changes it may judge differently: fold everything again (settleStale). */
  private rosterMoved = false;
  private readonly coverage: CoverageCheck | null;
  /** The latest clock among request and configuration changes folded: a roster change before it may change what counted. */
  private latestFolded = '';
  /** While a share snapshot is audited, every request operation folded here goes there too (SnapshotAudit). */
  shadow: ((op: RequestOperation, line: number) => void) | null = null;
  config = new ConfigState();
  /**
   * Added to the log line a request operation is folded at, while a join shows a share
   * snapshot's index before the history behind it is copied (HistoryJoin.begin): the index names
   * the writer's lines, and a line written here meanwhile must not be taken for one of them.
   */
  lineOffset = 0;
  /** Local-log lines that hold configuration operations (conflict copies are compared against them). */
  configLines: number[] = [];
  readonly maxSeqs = new Map<string, number>();
  opCount = 0;
  /** Operations of types a newer build added: held in the log, passed over by the fold (docs/sync.md §Mixed versions). */
  foreign = 0;
  /** Operations in the log that this build cannot read (an older build let them in): skipped, counted, reported. */
  unreadable = 0;
  readonly clock: HlcClock;

  constructor(
    deviceId: string,
    clockNow: () => number,
    /** Every request operation folded into the queue (the search index follows it). */
    private readonly onRequestOp: (op: RequestOperation) => void,
    pins: KeyPins = { root: () => null, keyOf: () => undefined },
  ) {
    this.clock = new HlcClock(deviceId, clockNow);
    this.coverage = pins.coverage ?? null;
    const coverage = this.coverage;
    this.roster = new Roster(pins.root, pins.keyOf, coverage ? (device, seq) => coverage.covers(device, seq) : undefined);
    this.index.authority = this.roster;
    this.config.authority = this.roster;
  }

  /** Starts from a local snapshot instead of from nothing. */
  restore(snapshot: Snapshot): void {
    this.index = QueueIndex.restore(snapshot.entries, snapshot.people);
    this.index.authority = this.roster;
    for (const refusal of snapshot.refusals) this.index.refusals.set(refusal.id, refusal);
    for (const op of snapshot.roster) this.roster.add(op);
    this.config = ConfigState.restore(snapshot.config);
    this.config.authority = this.roster;
    this.configLines = [...snapshot.configLines];
    for (const [device, seq] of snapshot.maxSeqs) this.maxSeqs.set(device, seq);
    this.opCount = snapshot.opCount;
    this.foreign = snapshot.foreign;
    this.unreadable = snapshot.unreadable;
    this.clock.observe(snapshot.clock);
  }

  /**
   * Folds a batch read back from the log, checking every operation again: the log holds segments'
   * bytes as they were read, and an older build may have let in what this one refuses. Such an
   * operation is skipped and counted, but its place in its device's run is held, so the cursor
   * does not stop short of it and ask the share for a segment that starts mid-way.
   */
  foldStored(values: readonly unknown[], line: number, ownDevice: string): Operation[] {
    const ops: Operation[] = [];
    for (const value of values) {
      const op = parseOperation(value);
      if (op) {
        ops.push(op);
        continue;
      }
      this.unreadable++;
      const id = (value as { id?: unknown } | null)?.id;
      if (isOperationId(id)) {
        const { deviceId, seq } = parseOperationId(id);
        if (seq > this.maxSeq(deviceId)) this.maxSeqs.set(deviceId, seq);
      }
    }
    return this.fold(ops, line, ownDevice);
  }

  /** Folds a batch in, moving the cursors and the clock; answers the operations `ownDevice` wrote. */
  fold(ops: readonly Operation[], line: number, ownDevice: string): Operation[] {
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
      if (device === ownDevice) own.push(op);
    }
    if (device) this.maxSeqs.set(device, max);
    this.opCount += ops.length;
    if (latest) this.clock.observe(latest);
    return own;
  }

  applyOne(op: Operation, line: number): void {
    this.coverage?.see(op);
    if (!isKnownOperation(op)) this.foreign++;
    else if (isRosterOperation(op)) {
      if (this.roster.add(op) && this.roster.inForce && op.hlc < this.latestFolded) this.rosterMoved = true;
    } else if (isConfigOperation(op)) {
      if (op.hlc > this.latestFolded) this.latestFolded = op.hlc;
      this.config.apply(op);
      if (this.configLines[this.configLines.length - 1] !== line) this.configLines.push(line);
    } else {
      if (op.hlc > this.latestFolded) this.latestFolded = op.hlc;
      this.index.apply(op, line + this.lineOffset);
      this.shadow?.(op, line);
      this.onRequestOp(op);
    }
  }

  /** `device`'s operations up to `last` are held now (`count` of them new), its latest clock `latest`. */
  advance(device: string, last: number, count: number, latest?: string): void {
    this.maxSeqs.set(device, last);
    this.opCount += count;
    if (latest) this.clock.observe(latest);
  }

  /**
   * Requests the rules found must be folded again (QueueIndex.stale: a creation that arrived after
   * changes it makes unlawful), each from its own log lines. Not while a join's index is shown:
   * its lines are the writer's until the history is copied, and then everything is folded again.
   */
  /** Who may do what changed for operations already folded (a share's roles turned on, covered history found to differ): fold all again. */
  rulesMoved(): void {
    this.roster.changed();
    this.rosterMoved = true;
  }

  settleStale(log: OpLog): void {
    if (this.lineOffset !== 0) return;
    while (this.rosterMoved) this.refoldAll(log);
    const stale = [...this.index.stale];
    if (!stale.length) return;
    // Every line any of them needs, read once (a line holds many requests' operations).
    const wanted = new Set(stale);
    const held = new Map<string, { op: RequestOperation; line: number }[]>(stale.map((id) => [id, []]));
    const lines = [...new Set(stale.flatMap((id) => this.index.entry(id)?.lines ?? []))].sort((a, b) => a - b);
    for (const line of lines) {
      for (const op of log.readLines([line]))
        if (wanted.has(op.target) && isKnownOperation(op) && isRequestOperation(op)) held.get(op.target)!.push({ op, line });
    }
    for (const [id, ops] of held) this.index.refold(id, ops);
  }

  /**
   * The queues and the configuration folded again from the whole log: a roster change arrived
   * after changes made when it already held (a lead's approval read after the newcomer's first
   * acknowledgement). Rare, and as long as a start without a snapshot.
   */
  private refoldAll(log: OpLog): void {
    this.rosterMoved = false;
    const fresh = new QueueIndex();
    fresh.authority = this.roster;
    // The same pass checks the history an upgrade statement covers, where that is not decided yet.
    this.coverage?.restart();
    for (let line = 0; line < log.lineCount; line++)
      for (const op of log.readLines([line])) {
        this.coverage?.see(op);
        if (isKnownOperation(op) && isRequestOperation(op)) fresh.apply(op, line);
      }
    this.index = fresh;
    this.refoldConfig(log);
  }

  /** A log line's request operations folded into the queue index again (after a join adopted an index). */
  refold(log: OpLog, line: number): void {
    for (const op of log.readLines([line])) {
      if (!isRequestOperation(op) || !isKnownOperation(op)) continue;
      this.index.apply(op, line);
      this.shadow?.(op, line);
    }
  }

  /** The configuration folded again from the log's configuration lines alone (a join's claim replaced by its history). */
  refoldConfig(log: OpLog): void {
    this.config = new ConfigState();
    this.config.authority = this.roster;
    for (const op of log.readLines(this.configLines)) if (isConfigOperation(op)) this.config.apply(op);
  }

  /** The configuration operations held, in log order (a share snapshot carries them). */
  configOperations(log: OpLog): ConfigOperation[] {
    return log.readLines(this.configLines).filter(isConfigOperation);
  }

  /** The highest sequence number held from `device`: the sync cursor for it. */
  maxSeq(device: string): number {
    return this.maxSeqs.get(device) ?? 0;
  }

  /** Whether the operation with this id is held. */
  has(opId: string): boolean {
    const { deviceId, seq } = parseOperationId(opId);
    return seq <= this.maxSeq(deviceId);
  }

  /** Of operations already held by id, those whose stored content differs (a rare path: conflict copies). */
  contradicting(log: OpLog, ops: readonly Operation[]): Operation[] {
    const stored = new Map<string, Operation>();
    for (const target of new Set(ops.map((op) => op.target))) {
      const lines = target === CONFIG_TARGET ? this.configLines : this.index.entry(target)?.lines;
      if (lines) for (const op of log.readLines(lines)) stored.set(op.id, op);
    }
    return ops.filter((op) => {
      const mine = stored.get(op.id);
      return !mine || mine.hlc !== op.hlc;
    });
  }
}
