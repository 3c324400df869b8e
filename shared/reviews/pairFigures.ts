import type { Priority } from '../core/priority.js';
import type { Status } from '../core/status.js';
import type { ClockView } from '../model/requestSla.js';

/** What the reviews need of one request: who asked whom, when, and how its clocks ended (or stand). */
export interface ReviewRow {
  id: string;
  key: string;
  title: string;
  /** The requesting and the providing department (after any hand-over: the one that has it). */
  from: string;
  to: string;
  createdAt: string;
  status: Status;
  priority: Priority;
  typeId: string | null;
  shortNotice: boolean;
  /** The date it is needed by (an agreed one once both agreed), as the requester's side sees it. */
  neededBy: string | null;
  response: ClockView | null;
  resolution: ClockView | null;
  escalations: number;
  /** "Would you choose them again?": the requester's answer, or null; and its comment ('' without one). */
  again: boolean | null;
  comment: string;
  /** The chain it is a step of (its parent request's id), or null. */
  chain: string | null;
  /** Who held it and for how long, in order: each providing department's business hours from when it got it to its hand-over, or (the last) its resolution clock's time used. */
  held: { department: string; hours: number }[];
  /** What it is worth if it is late (its type's stake: a form answer, or a cost per hour past due times those hours); null when its type declares none. */
  stake: number | null;
}

/** How a set of requests did. Shares are 0..1, null when nothing was judged yet. */
export interface Figures {
  count: number;
  /** Met first-response and resolution targets, among requests whose clock has ended or is past due (short notice apart). */
  responseMet: number | null;
  resolutionMet: number | null;
  /** Business hours of the provider from creation to resolution (paused time not counted), among resolved requests. */
  medianResolutionHours: number | null;
  p90ResolutionHours: number | null;
  /** Requests past a target (short notice apart: the provider is not blamed for a date given too late). */
  breaches: number;
  escalations: number;
  shortNotice: number;
  /** Short-notice requests resolved by the date they were needed anyway. */
  shortNoticeMet: number;
  satisfaction: { yes: number; no: number };
  /** The stake of the breached requests (short notice apart): what the late answers cost. */
  atStake: number;
}

/** One requesting × providing department pair over a period. */
export interface PairFigures extends Figures {
  from: string;
  to: string;
}

/** Whether a clock's outcome is known: met, or breached (ended late, or running past its due time). */
const judged = (c: ClockView | null): 'met' | 'breached' | null => (c?.state === 'met' ? 'met' : c?.state === 'breached' ? 'breached' : null);

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const share = (met: number, of: number) => (of ? met / of : null);

/** The figures of every department pair among `rows` (already narrowed to a period and filters), pairs in name order. */
export function pairFigures(rows: readonly ReviewRow[]): PairFigures[] {
  const groups = new Map<string, ReviewRow[]>();
  for (const r of rows) {
    const key = `${r.from}\u0000${r.to}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  const out: PairFigures[] = [];
  for (const list of groups.values()) out.push({ from: list[0]!.from, to: list[0]!.to, ...figuresOf(list) });
  return out.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Whether a short-notice request was resolved by the date it was needed, all the same. */
export const metShortNotice = (r: Pick<ReviewRow, 'resolution' | 'neededBy'>): boolean =>
  !!r.resolution?.stoppedAt && !!r.neededBy && Date.parse(r.resolution.stoppedAt) <= Date.parse(r.neededBy);

/** The figures of any set of requests (a pair, a week, a department's). */
export function figuresOf(rows: readonly ReviewRow[]): Figures {
  let responseMet = 0;
  let responseJudged = 0;
  let resolutionMet = 0;
  let resolutionJudged = 0;
  let breaches = 0;
  let escalations = 0;
  let shortNotice = 0;
  let shortNoticeMet = 0;
  let atStake = 0;
  const hours: number[] = [];
  const satisfaction = { yes: 0, no: 0 };
  for (const r of rows) {
    const response = judged(r.response);
    const resolution = judged(r.resolution);
    escalations += r.escalations;
    if (r.again === true) satisfaction.yes++;
    if (r.again === false) satisfaction.no++;
    if (r.resolution?.stoppedAt && resolution) hours.push((r.resolution.targetMinutes - r.resolution.remainingMinutes) / 60);
    if (r.shortNotice) {
      shortNotice++;
      if (metShortNotice(r)) shortNoticeMet++;
      continue;
    }
    if (response) {
      responseJudged++;
      if (response === 'met') responseMet++;
    }
    if (resolution) {
      resolutionJudged++;
      if (resolution === 'met') resolutionMet++;
    }
    if (response === 'breached' || resolution === 'breached') {
      breaches++;
      atStake += r.stake ?? 0;
    }
  }
  hours.sort((a, b) => a - b);
  return {
    count: rows.length,
    responseMet: share(responseMet, responseJudged),
    resolutionMet: share(resolutionMet, resolutionJudged),
    medianResolutionHours: percentile(hours, 0.5),
    p90ResolutionHours: percentile(hours, 0.9),
    breaches,
    escalations,
    shortNotice,
    shortNoticeMet,
    satisfaction,
    atStake,
  };
}

/**
 * What a late request of a type costs, as its service page declares: the number in one of its form
 * answers, or a cost per business hour times the hours its resolution is past due. Null without a
 * declared stake or a number to read.
 */
export function stakeOf(stake: { field: string } | { perHour: number } | undefined, form: Record<string, string>, resolution: ClockView | null): number | null {
  if (!stake) return null;
  if ('perHour' in stake) return resolution && resolution.remainingMinutes < 0 ? (stake.perHour * -resolution.remainingMinutes) / 60 : 0;
  const value = Object.hasOwn(form, stake.field) ? Number(form[stake.field]!.replace(/[\s,]/g, '')) : Number.NaN;
  return Number.isFinite(value) ? value : null;
}
