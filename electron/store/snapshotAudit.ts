import { setTimeout as rest } from 'node:timers/promises';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { isKnownOperation } from '../../shared/ops/operationSchema.js';
import { isRequestOperation, sameJson } from '../../shared/ops/operations.js';
import type { FoldedState } from './foldedState.js';
import type { OpLog } from './opLog.js';

/** Answered by a step that found the store closed. */
const STOPPED = Symbol('stopped');
/** Work this long, then rest as long: the audit takes at most half the main thread while the app is in use. */
const WORK_MS = 10;
const REST_MS = 10;

export interface AuditHost {
  log(): OpLog;
  folded(): FoldedState;
  closed(): boolean;
  /** How the audit yields between slices (tests step through it); by default it rests REST_MS. */
  rest?: () => Promise<unknown>;
  workMs?: number;
}

/** What an audit found: the request that first differed (the index is then rebuilt), or nothing. */
export type AuditResult = { sound: true } | { sound: false; request: string } | { stopped: true };

/**
 * The whole-history check of a share snapshot adopted at a join (docs/sync.md §Snapshots): the
 * copied history is folded again, in the background, into an index of its own. Once that index
 * has caught up with the log, every operation folded into the live index is folded into it too,
 * so the two can be compared entry by entry while the app is in use. If any entry differs, the
 * audit's index — the fold of every operation, as a start without a snapshot would make it —
 * replaces the adopted one. A snapshot therefore buys a fast start, never a wrong queue.
 */
export class SnapshotAudit {
  private last: Promise<AuditResult> | null = null;
  private running = false;

  constructor(private readonly host: AuditHost) {}

  get active(): boolean {
    return this.running;
  }

  /**
   * Audits the index just adopted, once `after` settles (the sync cycle that joined has ended, so
   * the two never compete); counts as under way from now. Answers when it ends.
   */
  start(after: Promise<unknown> = Promise.resolve()): Promise<AuditResult> {
    if (this.running && this.last) return this.last;
    this.running = true;
    this.last = after
      .then(() => this.run())
      .finally(() => {
        this.running = false;
      });
    return this.last;
  }

  /** The latest audit (under way or ended), or null when none was started. */
  get done(): Promise<AuditResult> | null {
    return this.last;
  }

  private async run(): Promise<AuditResult> {
    const { host } = this;
    // The app quit before the cycle that joined had ended: its log is closed.
    if (host.closed()) return { stopped: true };
    let slice = performance.now();
    const workMs = host.workMs ?? WORK_MS;
    const pause = async (): Promise<boolean> => {
      if (performance.now() - slice < workMs) return !host.closed();
      await (host.rest ? host.rest() : rest(REST_MS));
      slice = performance.now();
      return !host.closed();
    };
    const fresh = new QueueIndex();
    const inStep = () => {
      host.folded().shadow = (op, at) => fresh.apply(op, at);
    };
    try {
      if (!(await this.foldHistory(fresh, inStep, pause))) return { stopped: true };
      const found = await this.firstDifference(fresh, pause);
      if (found === STOPPED) return { stopped: true };
      if (found === null) return { sound: true };
      // Kept in step all along, the audit's index is the fold of every operation held now.
      host.folded().shadow = null;
      host.folded().index = fresh;
      return { sound: false, request: found };
    } finally {
      host.folded().shadow = null;
    }
  }

  /** The first request whose live entry differs from the history's fold, or null. */
  private async firstDifference(fresh: QueueIndex, pause: () => Promise<boolean>): Promise<string | null | typeof STOPPED> {
    const live = () => this.host.folded().index;
    for (const { id } of live().dump()) {
      if (!sameJson(live().entry(id) ?? null, fresh.entry(id) ?? null)) return id;
      if (!(await pause())) return STOPPED;
    }
    if (live().size === fresh.size) return null;
    return fresh.dump().find((e) => !live().entry(e.id))?.id ?? 'an unknown request';
  }

  /**
   * Folds the log's request operations into `fresh`, a slice at a time, and calls `caughtUp` in the same turn as it folds the last line, before anything else
   * can be folded. Answers false when the store closed meanwhile.
   */
  private async foldHistory(fresh: QueueIndex, caughtUp: () => void, pause: () => Promise<boolean>): Promise<boolean> {
    const { host } = this;
    for (let line = 0; ; line++) {
      const log = host.log();
      if (line === log.lineCount) {
        caughtUp();
        return true;
      }
      for (const op of log.readLines([line])) if (isRequestOperation(op) && isKnownOperation(op)) fresh.apply(op, line);
      if (!(await pause())) return false;
    }
  }
}
