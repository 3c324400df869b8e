import type { DepartmentConfig } from '../config/department.js';
import type { ChainTurn } from './slaEvents.js';
import type { CreateRequestOp } from '../ops/operations.js';
import type { Clock, ClockState } from '../sla/clocks.js';
import { computeClocks } from '../sla/clocks.js';
import { slaEventsOf } from './slaEvents.js';
import type { SlaMarks } from './slaMarks.js';
import type { DateRegisters } from './agreedDates.js';
import type { TransferRegisters } from './transfers.js';

/** A clock as it crosses the wire (ISO dates), for queue rows and the detail view. */
export interface ClockView {
  state: ClockState;
  targetMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  stoppedAt: string | null;
  risk?: 'low' | 'high';
  pauseReason?: string;
  resumesAt?: string;
}

export interface RequestSla {
  response: ClockView;
  resolution: ClockView;
}

export interface SlaTimelineEntry {
  at: string;
  what: string;
  dueAt: string | null;
}

export interface ComputedSla {
  sla: RequestSla;
  timeline: SlaTimelineEntry[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function view(c: Clock): ClockView {
  return {
    state: c.state,
    targetMinutes: c.targetMinutes,
    remainingMinutes: Math.round(c.remainingMinutes),
    dueAt: iso(c.dueAt),
    stoppedAt: iso(c.stoppedAt),
    ...(c.risk ? { risk: c.risk } : {}),
    ...(c.pauseReason ? { pauseReason: c.pauseReason } : {}),
    ...(c.resumesAt ? { resumesAt: c.resumesAt.toISOString() } : {}),
  };
}

/**
 * A request's clocks at `now`, in its providing department's business time and against that
 * department's policy; null when the department has no configuration on this machine (yet).
 */
export function requestSla(
  create: CreateRequestOp,
  marks: SlaMarks & { dates?: DateRegisters } & TransferRegisters,
  provider: DepartmentConfig | undefined,
  now: Date,
  turn?: ChainTurn,
): ComputedSla | null {
  const clocks = clocksOf(create, marks, provider, now, true, turn);
  return (
    clocks && {
      sla: { response: view(clocks.response), resolution: view(clocks.resolution) },
      timeline: clocks.timeline.map((e) => ({ at: e.at.toISOString(), what: e.what, dueAt: iso(e.dueAt) })),
    }
  );
}

/** The clocks alone, as a queue row shows them (no "why is it due then"). */
export function requestClocks(
  create: CreateRequestOp,
  marks: SlaMarks & { dates?: DateRegisters } & TransferRegisters,
  provider: DepartmentConfig | undefined,
  now: Date,
  turn?: ChainTurn,
): RequestSla | null {
  const clocks = clocksOf(create, marks, provider, now, false, turn);
  return clocks && { response: view(clocks.response), resolution: view(clocks.resolution) };
}

function clocksOf(
  create: CreateRequestOp,
  marks: SlaMarks & { dates?: DateRegisters } & TransferRegisters,
  provider: DepartmentConfig | undefined,
  now: Date,
  withTimeline: boolean,
  turn?: ChainTurn,
) {
  if (!provider) return null;
  try {
    return computeClocks(slaEventsOf(create, marks, turn), provider.policy, provider.calendar, now, withTimeline);
  } catch {
    // A calendar closed for years on end (every day a yearly closure) has no due dates: no clocks, not a broken queue.
    return null;
  }
}
