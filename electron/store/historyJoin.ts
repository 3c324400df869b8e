import { isKnownOperation } from '../../shared/ops/operationSchema.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { isRequestOperation } from '../../shared/ops/operations.js';
import type { ConfigOperation, Operation } from '../../shared/ops/operations.js';
import type { FoldedState } from './foldedState.js';
import type { OpLog } from './opLog.js';

/** Where line numbers noted during a shown join start (far past any log: a log line is at least a few bytes). */
export const JOIN_LINE_OFFSET = 2 ** 40;

/** What a join needs of the store it fills. */
export interface JoinHost {
  log(): OpLog;
  folded(): FoldedState;
  deviceId(): string;
  isEmpty(): boolean;
  closed(): boolean;
  /** Operations were added to the log (local snapshots count them). */
  counted(ops: number): void;
}

/**
 * A join from a share snapshot under way (docs/sync.md §Snapshots): the history copied into the
 * log line by line, and then the snapshot's queue index adopted for it (SnapshotAudit then checks it against the whole history).
 */
export class HistoryJoin {
  /** The log lines of the history copied so far, in order; null when no join is under way. */
  private lines: number[] | null = null;
  /** The snapshot's index is shown already (begin): its line numbers are the writer's until the end. */
  private shown = false;
  /** Settles when the join under way ends (at once when none is): opening a request and search wait for it. */
  private ending: Promise<void> = Promise.resolve();
  private settle: () => void = () => undefined;
  private announce: () => void = () => undefined;
  /** Settles when a join first shows a share snapshot's queues (setup need not wait for the history behind them). */
  readonly firstShown = new Promise<void>((resolve) => {
    this.announce = resolve;
  });

  constructor(private readonly host: JoinHost) {}

  /** Settles when no join is under way: a request's lines are this log's, and every one is here. */
  get ended(): Promise<void> {
    return this.ending;
  }

  /** Settles when a request on these index lines can be read: at once, unless a shown join has yet to copy a writer's line (one noted here meanwhile is here). */
  readable(lines: readonly number[]): Promise<void> {
    return this.active && lines.some((n) => n < JOIN_LINE_OFFSET) ? this.ending : Promise.resolve();
  }

  /** Index lines as this log's: during a shown join, those noted here are past JOIN_LINE_OFFSET. */
  here(lines: readonly number[]): number[] {
    return this.active ? lines.map((n) => (n >= JOIN_LINE_OFFSET ? n - JOIN_LINE_OFFSET : n)) : [...lines];
  }

  get active(): boolean {
    return this.lines !== null;
  }

  /**
   * One line of the history: operations that the share snapshot's queue index already covers.
   * Written to the log and counted in the cursors and the configuration, but not folded into the
   * queue index: `adopt` brings the snapshot's.
   */
  append([device, first, last]: [string, number, number], ops: readonly Operation[], line?: Buffer): number {
    const { host } = this;
    const folded = host.folded();
    if (!this.active && !host.isEmpty()) throw new Error('A join from a share snapshot can only start on an empty store.');
    if (device === host.deviceId() || first !== folded.maxSeq(device) + 1 || ops.length !== last - first + 1) {
      throw new Error(`History line ${device}:${first}-${last} does not follow what is held; nothing was written.`);
    }
    const at = host.log().append(ops, { durable: false, line });
    // The decoder checked the ids against the line's source: the cursor moves without reading them.
    for (const op of ops) if (!isRequestOperation(op) || !isKnownOperation(op)) folded.applyOne(op, at);
    folded.advance(device, last, ops.length);
    host.counted(ops.length);
    (this.lines ??= []).push(at);
    return at;
  }

  /**
   * Shows the snapshot's index at once, before any of the history behind it is copied (a share
   * snapshot that carries its configuration): the queues and their clocks are usable while the
   * history is copied. Until `adopt` the index names the writer's lines; a change folded here
   * meanwhile is noted past `JOIN_LINE_OFFSET` (FoldedState.lineOffset), and opening a request
   * waits for the end (RequestStore.whenJoined). The configuration is the snapshot's claim until
   * the end, when it is folded again from the copied history.
   */
  begin(entries: IndexEntry[], people: [string, string[]][], clock: string, config: readonly ConfigOperation[]): void {
    const { host } = this;
    if (this.active || !host.isEmpty()) throw new Error('A join from a share snapshot can only start on an empty store.');
    const folded = host.folded();
    this.lines = [];
    this.shown = true;
    this.ending = new Promise((resolve) => {
      this.settle = resolve;
    });
    this.announce();
    folded.index = QueueIndex.restore(entries, people);
    folded.lineOffset = JOIN_LINE_OFFSET;
    for (const op of config) folded.config.apply(op);
    folded.clock.observe(clock);
  }

  /**
   * Ends the join: the snapshot's index stands for the history lines, until the audit that
   * follows has compared it with their fold (SnapshotAudit). Its line numbers are the writer's; they are this log's too unless
   * a local change was written in between, and those changes are folded into the new index again.
   */
  adopt(entries: IndexEntry[], people: [string, string[]][], clock: string): void {
    const log = this.host.log();
    const folded = this.host.folded();
    if (this.shown) {
      this.adoptShown();
      return;
    }
    this.remap(entries);
    folded.index = QueueIndex.restore(entries, people);
    const inHistory = new Set(this.end());
    for (let line = 0; line < log.lineCount; line++) if (!inHistory.has(line)) folded.refold(log, line);
    folded.clock.observe(clock);
  }

  /** The end of a join whose index was shown from the start: the writer's line numbers and those noted meanwhile become this log's. */
  private adoptShown(): void {
    const log = this.host.log();
    const folded = this.host.folded();
    const history = this.end();
    for (const e of folded.index.dump()) {
      e.lines = e.lines.map((n) => (n >= JOIN_LINE_OFFSET ? n - JOIN_LINE_OFFSET : history[n]!)).sort((a, b) => a - b);
    }
    folded.lineOffset = 0;
    folded.refoldConfig(log);
  }

  /** A join that failed part-way: the history written so far is folded, as any pull would have. */
  abandon(): void {
    if (this.shown) {
      this.abandonShown();
      return;
    }
    const history = this.end();
    // Closed: the next start folds the whole log anyway.
    if (!this.host.closed()) for (const line of history) this.host.folded().refold(this.host.log(), line);
  }

  /** A join whose index was shown, given up part-way: that index claims what is not here, so the whole log is folded instead. */
  private abandonShown(): void {
    this.end();
    const folded = this.host.folded();
    folded.index = new QueueIndex();
    folded.lineOffset = 0;
    if (this.host.closed()) return; // the next start folds the whole log anyway
    const log = this.host.log();
    for (let line = 0; line < log.lineCount; line++) folded.refold(log, line);
    folded.refoldConfig(log);
  }

  /** Ends the join: the history's lines, in the order they were copied. */
  end(): number[] {
    const lines = this.lines ?? [];
    this.lines = null;
    this.shown = false;
    this.settle();
    return lines;
  }

  /** The snapshot's entries, renumbered to this log's lines where a local change was written in between. */
  private remap(entries: IndexEntry[]): void {
    const history = this.lines ?? [];
    if (history.some((at, i) => at !== i)) for (const e of entries) e.lines = e.lines.map((n) => history[n]!);
  }
}
