import { setTimeout as rest } from 'node:timers/promises';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { isKnownOperation } from '../../shared/ops/operationSchema.js';
import { isConfigOperation, sameJson } from '../../shared/ops/operations.js';
import type { FoldedState } from './foldedState.js';
import type { OpLog } from './opLog.js';

/** Work this long, then rest as long: the audit takes at most half the main thread while the app is in use. */
/**
 * The requests are audited in this many parts, one after another, each against a fold of its own:
 * a second index of the whole queue would take a joined machine past its memory budget.
 */
const PARTS = 4;
/** A request's part, by the last character of its id (UUIDs end in a uniformly random hex digit). */
const partOf = (id: string) => id.charCodeAt(id.length - 1) % PARTS;
const STOPPED = Symbol('stopped');
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
    let slice = performance.now();
    const workMs = host.workMs ?? WORK_MS;
    const pause = async (): Promise<boolean> => {
      if (performance.now() - slice < workMs) return !host.closed();
      await (host.rest ? host.rest() : rest(REST_MS));
      slice = performance.now();
      return !host.closed();
    };
    try {
      for (let part = 0; part < PARTS; part++) {
        const found = await this.auditPart(part, pause);
        if (found === STOPPED) return { stopped: true };
        if (found === null) continue;
        // Found out: the history's fold, whole this time, becomes the queue.
        return (await this.refold(pause)) ? { sound: false, request: found } : { stopped: true };
      }
      return { sound: true };
    } finally {
      host.folded().shadow = null;
    }
  }

  /**
   * The history's fold of one part of the requests, compared with the live queue's: the first
   * request that differs, null when none does.
   */
  private async auditPart(part: number, pause: () => Promise<boolean>): Promise<string | null | typeof STOPPED> {
    const { host } = this;
    const fresh = new QueueIndex();
    const mine = (id: string) => partOf(id) === part;
    const inStep = () => {
      host.folded().shadow = (op, at) => {
        if (mine(op.target)) fresh.apply(op, at);
      };
    };
    if (!(await this.foldHistory(fresh, mine, inStep, pause))) return STOPPED;
    const live = host.folded().index;
    let count = 0;
    for (const entry of live.dump()) {
      if (!mine(entry.id)) continue;
      count++;
      if (!sameJson(live.entry(entry.id) ?? null, fresh.entry(entry.id) ?? null)) return entry.id;
      if (!(await pause())) return STOPPED;
    }
    host.folded().shadow = null;
    if (count === fresh.size) return null;
    return fresh.dump().find((e) => !host.folded().index.entry(e.id))?.id ?? 'an unknown request';
  }

  /** Every request's fold from the whole log, put in the live queue's place the moment it has caught up. */
  private async refold(pause: () => Promise<boolean>): Promise<boolean> {
    const fresh = new QueueIndex();
    const replace = () => {
      this.host.folded().shadow = null;
      this.host.folded().index = fresh;
    };
    return this.foldHistory(fresh, () => true, replace, pause);
  }

  /**
   * Folds the log's request operations on the requests `mine` picks into `fresh`, a slice at a
   * time, and calls `caughtUp` in the same turn as it folds the last line, before anything else
   * can be folded. Answers false when the store closed meanwhile.
   */
  private async foldHistory(fresh: QueueIndex, mine: (id: string) => boolean, caughtUp: () => void, pause: () => Promise<boolean>): Promise<boolean> {
    const { host } = this;
    for (let line = 0; ; line++) {
      const log = host.log();
      if (line === log.lineCount) {
        caughtUp();
        return true;
      }
      for (const op of log.readLines([line])) if (!isConfigOperation(op) && isKnownOperation(op) && mine(op.target)) fresh.apply(op, line);
      if (!(await pause())) return false;
    }
  }
}
