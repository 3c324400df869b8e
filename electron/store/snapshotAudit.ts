import { setTimeout as rest } from 'node:timers/promises';
import { boundedGarbage } from './boundedGarbage.js';
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

/**
 * The audit folds and compares a quarter of the requests at a time (each pass reads the whole
 * log): a second index of every request would hold as much memory again as the live one, which
 * at 100,000 requests took the app over its memory budget.
 */
const PARTS = 4;
function partOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (h >>> 0) % PARTS;
}

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
 * copied history is folded again, in the background, a part of the requests at a time, into an
 * index of its own. Once that index has caught up with the log, every operation on its requests
 * folded into the live index is folded into it too, so the two can be compared entry by entry
 * while the app is in use. If any entry differs, the fold of every operation — as a start without
 * a snapshot would make it — replaces the adopted index. A snapshot therefore buys a fast start,
 * never a wrong queue.
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
    const collect = boundedGarbage(host.log().bytes);
    try {
      for (let part = 0; part < PARTS; part++) {
        const inPart = (id: string) => partOf(id) === part;
        const fresh = new QueueIndex();
        if (!(await this.foldHistory(fresh, inPart, pause, collect))) return { stopped: true };
        const found = await this.firstDifference(fresh, inPart, pause);
        host.folded().shadow = null;
        if (found === STOPPED) return { stopped: true };
        if (found === null) continue;
        // The adopted index is wrong somewhere: the fold of every operation replaces it whole.
        const whole = new QueueIndex();
        if (!(await this.foldHistory(whole, null, pause, collect))) return { stopped: true };
        host.folded().shadow = null;
        host.folded().index = whole;
        return { sound: false, request: found };
      }
      return { sound: true };
    } finally {
      host.folded().shadow = null;
    }
  }

  /** The first request of the part whose live entry differs from the history's fold, or null. */
  private async firstDifference(fresh: QueueIndex, inPart: (id: string) => boolean, pause: () => Promise<boolean>): Promise<string | null | typeof STOPPED> {
    const live = () => this.host.folded().index;
    let count = 0;
    for (const { id } of live().dump()) {
      if (!inPart(id)) continue;
      count++;
      if (!sameJson(live().entry(id) ?? null, fresh.entry(id) ?? null)) return id;
      if (!(await pause())) return STOPPED;
    }
    if (count === fresh.size) return null;
    return fresh.dump().find((e) => !live().entry(e.id))?.id ?? 'an unknown request';
  }

  /**
   * Folds the log's operations on the part's requests (all, for null) into `fresh`, a slice at a time. In the
   * same turn as it folds the last line, before anything else can be folded, it keeps `fresh` in
   * step with the live index (what the store folds from then on is folded into both). Answers
   * false when the store closed meanwhile.
   */
  private async foldHistory(fresh: QueueIndex, inPart: ((id: string) => boolean) | null, pause: () => Promise<boolean>, collect: () => void): Promise<boolean> {
    const { host } = this;
    for (let line = 0; ; line++) {
      const log = host.log();
      if (line === log.lineCount) {
        host.folded().shadow = (op, at) => (!inPart || inPart(op.target)) && fresh.apply(op, at);
        return true;
      }
      for (const part of log.linePartsOf(line, inPart ? { wanted: inPart } : {})) {
        for (const op of part) if (isRequestOperation(op) && isKnownOperation(op) && (!inPart || inPart(op.target))) fresh.apply(op, line);
        collect();
        if (!(await pause())) return false;
      }
    }
  }
}
