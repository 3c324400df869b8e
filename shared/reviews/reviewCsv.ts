// The browser build: the Node one reads Buffer, which the window does not have (it would not start).
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { PairFigures, ReviewRow } from './pairFigures.js';

/** A share as a spreadsheet reads it (0.833), empty when nothing was judged. */
const ratio = (v: number | null) => (v === null ? '' : v.toFixed(3));
const hours = (v: number | null) => (v === null ? '' : v.toFixed(1));
const used = (r: ReviewRow) => (r.resolution?.stoppedAt ? ((r.resolution.targetMinutes - r.resolution.remainingMinutes) / 60).toFixed(1) : '');

/** The matrix of a review, one line per department pair. */
export function matrixCsv(pairs: readonly PairFigures[]): string {
  return stringify(
    pairs.map((p) => ({
      requesting: p.from,
      providing: p.to,
      requests: p.count,
      first_response_met: ratio(p.responseMet),
      resolution_met: ratio(p.resolutionMet),
      median_hours: hours(p.medianResolutionHours),
      p90_hours: hours(p.p90ResolutionHours),
      breaches: p.breaches,
      escalations: p.escalations,
      short_notice: p.shortNotice,
      short_notice_met: p.shortNoticeMet,
      would_choose_again: p.satisfaction.yes,
      would_not: p.satisfaction.no,
      at_stake_late: p.atStake,
    })),
    { header: true, columns: MATRIX_COLUMNS },
  );
}

const MATRIX_COLUMNS = [
  'requesting',
  'providing',
  'requests',
  'first_response_met',
  'resolution_met',
  'median_hours',
  'p90_hours',
  'breaches',
  'escalations',
  'short_notice',
  'short_notice_met',
  'would_choose_again',
  'would_not',
  'at_stake_late',
];

/** The requests of one cell, with their clocks, times and outcome. */
export function cellCsv(rows: readonly ReviewRow[]): string {
  return stringify(
    rows.map((r) => ({
      key: r.key,
      title: r.title,
      requesting: r.from,
      providing: r.to,
      created: r.createdAt,
      status: r.status,
      priority: r.priority,
      short_notice: r.shortNotice ? 'yes' : 'no',
      first_response: r.response?.state ?? '',
      resolution: r.resolution?.state ?? '',
      hours_to_resolve: used(r),
      escalations: r.escalations,
      would_choose_again: r.again === null ? '' : r.again ? 'yes' : 'no',
    })),
    {
      header: true,
      columns: [
        'key',
        'title',
        'requesting',
        'providing',
        'created',
        'status',
        'priority',
        'short_notice',
        'first_response',
        'resolution',
        'hours_to_resolve',
        'escalations',
        'would_choose_again',
      ],
    },
  );
}
