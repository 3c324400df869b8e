import type { Priority } from '../core/priority.js';
import type { BusinessCalendar } from './calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from './calendar.js';

/**
 * SLA clocks computed by replaying a request's history (DESIGN.md §4), never stored: the same
 * events give the same due dates on every machine. Two clocks run from creation — time to first
 * response and time to resolution — in the providing department's business time. Waiting on the
 * requester pauses both; a pause may carry a resume date and then ends by itself.
 */
export type SlaEvent =
  /** `handedOver`: the clocks start at a hand-over, in the receiving department's time. */
  | { kind: 'created'; at: Date; priority: Priority; handedOver?: { from: string; to: string } }
  | { kind: 'responded'; at: Date }
  | { kind: 'paused'; at: Date; reason?: string; resumeAt?: Date }
  | { kind: 'resumed'; at: Date /** The requesting department, when its reply resumed it. */; byReplyOf?: string }
  | { kind: 'reprioritised'; at: Date; priority: Priority }
  | { kind: 'resolved'; at: Date }
  | { kind: 'cancelled'; at: Date }
  /** Done, then open again: the resolution clock runs on from where it stopped. */
  | { kind: 'reopened'; at: Date; by: string }
  /** Both departments agreed the work is needed by `neededBy`: the resolution clock falls due then (docs/sync.md §Agreed dates). */
  | { kind: 'agreed'; at: Date; neededBy: Date; what: string }
  /** A chain's step waits for other steps (`for`: what they are): its clocks hold until its turn. */
  | { kind: 'waiting'; at: Date; for: string }
  | { kind: 'turn'; at: Date };

export interface OlaTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface OlaPolicy {
  targets: Record<Priority, OlaTargets>;
  /** Fractions of the target elapsed at which a clock is at risk, and at high risk (default 50 % and 75 %). */
  atRisk: [number, number];
}

export type ClockState = 'running' | 'paused' | 'met' | 'at_risk' | 'breached' | 'stopped';

export interface Clock {
  state: ClockState;
  targetMinutes: number;
  elapsedMinutes: number;
  /** Business minutes left; negative once breached. */
  remainingMinutes: number;
  /** When it falls (or fell) due; null while paused, when the due date depends on the resume. */
  dueAt: Date | null;
  /** When it stopped (first response, resolution, cancellation), if it did. */
  stoppedAt: Date | null;
  /** While at risk: past the first threshold only, or past the second too. */
  risk?: 'low' | 'high';
  pauseReason?: string;
  resumesAt?: Date;
}

export interface TimelineEntry {
  at: Date;
  what: string;
  /** The resolution due date after this event, when it changed it. */
  dueAt: Date | null;
}

export interface SlaClocks {
  response: Clock;
  resolution: Clock;
  /** "Why is it due then": every event that moved the resolution clock. */
  timeline: TimelineEntry[];
}

interface Run {
  targetMinutes: number;
  /** Closed stretches of counting time, with their business minutes. */
  spans: { from: Date; minutes: number }[];
  /** When the clock last started counting, or null while paused or stopped. */
  since: Date | null;
  stoppedAt: Date | null;
}

/**
 * `withTimeline` false: the clocks only, as a queue row shows them. Each timeline entry works out
 * the due date after it, which a list of thousands of rows would pay for and throw away.
 */
export function computeClocks(history: readonly SlaEvent[], policy: OlaPolicy, cal: BusinessCalendar, asked: Date, withTimeline = true): SlaClocks {
  const created = history.find((e): e is Extract<SlaEvent, { kind: 'created' }> => e.kind === 'created');
  if (!created) throw new Error('SLA clocks need the request’s creation in its history.');
  // A machine whose clock is behind another's can see a request created "later"; it is just new.
  const now = asked < created.at ? created.at : asked;
  // What has not happened yet is not history (a clock is asked about `now`).
  const events = history.filter((e) => e.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime());

  const start = (target: number): Run => ({ targetMinutes: target, spans: [], since: created.at, stoppedAt: null });
  const response = start(policy.targets[created.priority].responseMinutes);
  const resolution = start(policy.targets[created.priority].resolutionMinutes);
  const timeline: TimelineEntry[] = [];
  let pause: { reason?: string; resumeAt?: Date } | null = null;
  /** Once a date is agreed, a new priority changes the response target only: the date stands. */
  let agreed = false;

  const halt = (run: Run, at: Date) => {
    if (run.since) run.spans.push({ from: run.since, minutes: businessMinutesBetween(cal, run.since, at) });
    run.since = null;
  };
  const resume = (run: Run, at: Date) => {
    if (!run.stoppedAt && !run.since) run.since = at;
  };
  const used = (run: Run, at: Date) => run.spans.reduce((sum, span) => sum + span.minutes, 0) + (run.since ? businessMinutesBetween(cal, run.since, at) : 0);
  /**
   * The instant the counted time reaches the target: inside a closed stretch (it fell due then),
   * or ahead of the running one; null while paused short of the target.
   */
  const dueOf = (run: Run): Date | null => {
    let left = run.targetMinutes;
    for (const span of run.spans) {
      if (left <= span.minutes) return addBusinessMinutes(cal, span.from, left);
      left -= span.minutes;
    }
    return run.since ? addBusinessMinutes(cal, run.since, left) : null;
  };
  const note = (at: Date, what: () => string) => {
    if (withTimeline) timeline.push({ at, what: what(), dueAt: resolution.stoppedAt ? null : dueOf(resolution) });
  };

  note(created.at, () =>
    created.handedOver
      ? `Handed over by ${created.handedOver.from} to ${created.handedOver.to} as ${created.priority}: ${formatMinutes(resolution.targetMinutes)} to resolve`
      : `Created as ${created.priority}: ${formatMinutes(resolution.targetMinutes)} to resolve`,
  );
  const resumeByItself = (until: Date) => {
    if (pause?.resumeAt && pause.resumeAt <= until) {
      const at = pause.resumeAt;
      pause = null;
      resume(response, at);
      resume(resolution, at);
      note(at, () => 'Resumed by itself on the date the pause named');
    }
  };

  for (const e of events) {
    if (e === created) continue;
    resumeByItself(e.at);
    switch (e.kind) {
      case 'responded':
        if (!response.stoppedAt) {
          halt(response, e.at);
          response.stoppedAt = e.at;
        }
        break;
      case 'paused':
        if (pause || resolution.stoppedAt) break;
        halt(response, e.at);
        halt(resolution, e.at);
        pause = { ...(e.reason ? { reason: e.reason } : {}), ...(e.resumeAt ? { resumeAt: e.resumeAt } : {}) };
        note(e.at, () => `Paused, waiting on the requester${e.reason ? `: ${e.reason}` : ''}`);
        break;
      case 'resumed':
        if (!pause) break;
        pause = null;
        resume(response, e.at);
        resume(resolution, e.at);
        note(e.at, () => `Resumed${e.byReplyOf ? ` by ${e.byReplyOf}'s reply` : ''}; the paused time was added to the due date`);
        break;
      case 'waiting':
        if (pause || resolution.stoppedAt) break;
        halt(response, e.at);
        halt(resolution, e.at);
        pause = { reason: `waiting for ${e.for}` };
        note(e.at, () => `Waiting for ${e.for}: its clocks start at its turn`);
        break;
      case 'turn':
        if (!pause) break;
        pause = null;
        resume(response, e.at);
        resume(resolution, e.at);
        note(e.at, () => 'Its turn: what it waited for is done');
        break;
      case 'reprioritised':
        // The time already counted stays; only the targets change (and a pause stays a pause).
        if (!response.stoppedAt) response.targetMinutes = policy.targets[e.priority].responseMinutes;
        if (!resolution.stoppedAt && !agreed) resolution.targetMinutes = policy.targets[e.priority].resolutionMinutes;
        note(e.at, () => `Priority changed to ${e.priority}: ${formatMinutes(resolution.targetMinutes)} to resolve`);
        break;
      case 'reopened':
        if (!resolution.stoppedAt) break;
        resolution.stoppedAt = null;
        resolution.since = e.at;
        note(e.at, () => `Reopened by ${e.by}: the time to resolve runs on`);
        break;
      case 'agreed':
        if (resolution.stoppedAt) break;
        agreed = true;
        // The time counted so far, and the business time from now to the date agreed (none if it has passed).
        resolution.targetMinutes = used(resolution, e.at) + (e.neededBy > e.at ? businessMinutesBetween(cal, e.at, e.neededBy) : 0);
        note(e.at, () => e.what);
        break;
      case 'resolved':
      case 'cancelled':
        for (const run of [response, resolution]) {
          if (run.stoppedAt) continue;
          halt(run, e.at);
          run.stoppedAt = e.at;
        }
        note(e.at, () => (e.kind === 'resolved' ? 'Resolved' : 'Cancelled by the requester'));
        break;
    }
  }
  resumeByItself(now);

  const cancelled = events.some((e) => e.kind === 'cancelled');
  const finish = (run: Run): Clock => {
    const elapsed = used(run, now);
    const remaining = run.targetMinutes - elapsed;
    let state: ClockState;
    if (run.stoppedAt) state = cancelled && run === resolution ? 'stopped' : remaining >= 0 ? 'met' : 'breached';
    else if (remaining < 0) state = 'breached';
    else if (!run.since) state = 'paused';
    else state = elapsed >= run.targetMinutes * policy.atRisk[0] ? 'at_risk' : 'running';
    const clock: Clock = {
      state,
      targetMinutes: run.targetMinutes,
      elapsedMinutes: elapsed,
      remainingMinutes: remaining,
      dueAt: run.stoppedAt ? null : dueOf(run),
      stoppedAt: run.stoppedAt,
    };
    if (state === 'at_risk') clock.risk = elapsed >= run.targetMinutes * policy.atRisk[1] ? 'high' : 'low';
    if (state === 'paused' && pause?.reason) clock.pauseReason = pause.reason;
    if (state === 'paused' && pause?.resumeAt) clock.resumesAt = pause.resumeAt;
    return clock;
  };
  return { response: finish(response), resolution: finish(resolution), timeline };
}

/** Business minutes as people say them: "4 h", "2 d 3 h", "218 d" (a business day is 8 h here; past ten days the hours are noise). */
export function formatMinutes(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const sign = minutes < 0 ? '−' : '';
  if (m < 60) return `${sign}${m} min`;
  if (m < 8 * 60) return `${sign}${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(m / 480);
  const h = Math.floor((m % 480) / 60);
  return `${sign}${d} d${h && d < 10 ? ` ${h} h` : ''}`;
}
