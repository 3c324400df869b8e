import { addMonths, addWeeks, startOfMonth, startOfWeek } from 'date-fns';
import type { Figures, ReviewRow } from './pairFigures.js';
import { figuresOf, metShortNotice } from './pairFigures.js';

export const TREND_STEPS = ['week', 'month'] as const;
export type TrendStep = (typeof TREND_STEPS)[number];

/** The most points a trend draws: five years of weeks. */
export const MAX_TREND_POINTS = 262;

/** A week's or month's figures, with the resolution target the requests had (the median of their targets, in business hours). */
export interface TrendPoint extends Figures {
  start: string;
  targetHours: number | null;
}

const stepStart = (step: TrendStep, at: Date) => (step === 'week' ? startOfWeek(at, { weekStartsOn: 1 }) : startOfMonth(at));
const next = (step: TrendStep, at: Date) => (step === 'week' ? addWeeks(at, 1) : addMonths(at, 1));

/** How many weeks or months a period spans, as a trend draws them (in this computer's time zone). */
export function trendLength(step: TrendStep, from: Date, to: Date): number {
  let n = 0;
  for (let t = stepStart(step, from); t < to && n <= MAX_TREND_POINTS; t = next(step, t)) n++;
  return n;
}

const median = (xs: number[]) => (xs.length ? xs.sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1]! : null);

/**
 * The figures by week (from Monday) or month over [from, to), every step present, empty ones with
 * a count of 0 so a chart shows the gap. A request counts in the step it was created in.
 */
export function trendOf(rows: readonly ReviewRow[], step: TrendStep, from: Date, to: Date): TrendPoint[] {
  const starts: Date[] = [];
  for (let t = stepStart(step, from); t < to && starts.length < MAX_TREND_POINTS; t = next(step, t)) starts.push(t);
  const groups = starts.map(() => [] as ReviewRow[]);
  for (const r of rows) {
    const at = Date.parse(r.createdAt);
    // The last step starting at or before it.
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || at < starts[0]!.getTime()) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]!.getTime() <= at) lo = mid;
      else hi = mid - 1;
    }
    groups[lo]!.push(r);
  }
  return starts.map((start, i) => ({
    start: start.toISOString(),
    ...figuresOf(groups[i]!),
    targetHours: median(groups[i]!.flatMap((r) => (r.resolution ? [r.resolution.targetMinutes / 60] : []))),
  }));
}

/** Ages of the open backlog, in calendar days: each bucket from its `days` up to the next. */
export const BACKLOG_AGES = [
  { label: 'Under a day', days: 0 },
  { label: '1–3 days', days: 1 },
  { label: '3–7 days', days: 3 },
  { label: '1–4 weeks', days: 7 },
  { label: 'Over 4 weeks', days: 28 },
] as const;

const OPEN = new Set(['new', 'acknowledged', 'in_progress', 'waiting_on_requester']);

/** The requests still open at `at`, by age; those waiting on their requester apart (their wait is not the provider's). */
export function backlogByAge(rows: readonly ReviewRow[], at: number): { label: string; open: number; waitingOnRequester: number }[] {
  const out = BACKLOG_AGES.map(({ label }) => ({ label, open: 0, waitingOnRequester: 0 }));
  for (const r of rows) {
    if (!OPEN.has(r.status)) continue;
    const days = (at - Date.parse(r.createdAt)) / 86_400_000;
    let i = BACKLOG_AGES.length - 1;
    while (i > 0 && days < BACKLOG_AGES[i]!.days) i--;
    if (r.status === 'waiting_on_requester') out[i]!.waitingOnRequester++;
    else out[i]!.open++;
  }
  return out;
}

/** Who plans late: per requesting department, how many of its requests came at short notice, and how many of those the provider met anyway. */
export function shortNoticeBy(rows: readonly ReviewRow[]): { department: string; count: number; shortNotice: number; shortNoticeMet: number }[] {
  const by = new Map<string, { department: string; count: number; shortNotice: number; shortNoticeMet: number }>();
  for (const r of rows) {
    let d = by.get(r.from);
    if (!d) by.set(r.from, (d = { department: r.from, count: 0, shortNotice: 0, shortNoticeMet: 0 }));
    d.count++;
    if (!r.shortNotice) continue;
    d.shortNotice++;
    if (metShortNotice(r)) d.shortNoticeMet++;
  }
  return [...by.values()].sort((a, b) => a.department.localeCompare(b.department));
}
