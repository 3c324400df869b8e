import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiOutputs } from '../../shared/contract/api.js';
import { apiInputSchemas, describeInvalidInput } from '../../shared/contract/schemas.js';
import { cellCsv, matrixCsv } from '../../shared/reviews/reviewCsv.js';
import { daysRange, monthSoFar } from '../../shared/reviews/period.js';
import { isDayText } from '../../shared/sla/calendar.js';
import { RequestStore } from '../store/requestStore.js';
import { dataLayout } from './compose.js';
import { createDepartmentLookup } from './departmentLookup.js';
import { createReviews } from './reviews.js';

export interface ReportOptions {
  /** The data folder of an Interdesk install (the desktop app's user-data folder). */
  dataDir: string;
  /** First and last day of the period, both included (yyyy-MM-dd, this computer's calendar); this month to today by default. */
  from?: string | undefined;
  to?: string | undefined;
  format: 'csv' | 'json';
  /** The matrix of pairs (the default), every request of the period, or one department's review. */
  what: { matrix: true } | { requests: true } | { department: string };
  priority?: string | undefined;
  type?: string | undefined;
}

/** A report that cannot be made, with what to do about it. */
export class ReportError extends Error {}

/** The files of the local store a report reads; the word index and attachments it does not need. */
const SKIPPED = new Set(['text-index.bin', 'blobs']);

/**
 * The reviews' figures from the command line (`npm run report`), from a data folder. It reads a
 * copy of the local store, so the desktop app may keep running: opening the live store could cut
 * a line the app is writing.
 */
export async function reviewReport(options: ReportOptions): Promise<string> {
  const { storeDir } = dataLayout(options.dataDir);
  const settingsFile = join(options.dataDir, 'settings.json');
  if (!existsSync(storeDir) || !existsSync(settingsFile)) {
    throw new ReportError(
      `${options.dataDir} holds no Interdesk data (no store or settings.json). Pass --data with the folder Interdesk keeps its data in (its user-data folder; the default is where the desktop app keeps it), or start Interdesk once on this computer.`,
    );
  }
  const month = monthSoFar(new Date());
  const first = options.from ?? month.first;
  const last = options.to ?? month.last;
  for (const [name, day] of [
    ['--from', first],
    ['--to', last],
  ] as const) {
    if (!isDayText(day)) throw new ReportError(`${name} ${day} is not a date: write it as yyyy-mm-dd, e.g. 2026-11-30.`);
  }
  const period = {
    ...daysRange(first, last),
    ...(options.priority ? { priority: options.priority } : {}),
    ...(options.type ? { typeId: options.type } : {}),
  };

  const copy = mkdtempSync(join(tmpdir(), 'interdesk-report-'));
  try {
    for (const name of readdirSync(storeDir)) {
      if (!SKIPPED.has(name) && statSync(join(storeDir, name)).isFile()) copyFileSync(join(storeDir, name), join(copy, name));
    }
    const { deviceId } = JSON.parse(readFileSync(settingsFile, 'utf8')) as { deviceId?: string };
    const keyFile = join(options.dataDir, 'device-key.json');
    // Only the public half: the store knows its own changes by it (a key the keychain seals stays sealed).
    const publicKey = existsSync(keyFile) ? (JSON.parse(readFileSync(keyFile, 'utf8')) as { publicKey: string }).publicKey : null;
    const store = RequestStore.open({ dir: copy, deviceId: deviceId ?? 'report', ...(publicKey ? { publicKey } : {}) });
    try {
      await store.whenJoined();
      const lookup = createDepartmentLookup(store);
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const { handlers } = createReviews({ store, now: () => store.clockNow(), timeZone, ...lookup });
      /** Checked as the app's own calls are: the same errors for the same mistakes. */
      const input = <M extends keyof typeof apiInputSchemas>(method: M, value: object) => {
        const parsed = apiInputSchemas[method].safeParse(value);
        if (!parsed.success) throw new ReportError(describeInvalidInput(parsed.error));
        return parsed.data as never;
      };
      const what = options.what;
      if ('requests' in what) {
        const { rows } = (await handlers.getReviewRequests(input('getReviewRequests', period))) as ApiOutputs['getReviewRequests'];
        return options.format === 'csv' ? cellCsv(rows) : `${JSON.stringify({ ...period, rows }, null, 2)}\n`;
      }
      if ('department' in what) {
        const review = (await handlers.getDepartmentReview(
          input('getDepartmentReview', { ...period, department: what.department }),
        )) as ApiOutputs['getDepartmentReview'];
        return options.format === 'csv' ? matrixCsv([...review.receivedFrom, ...review.askedOf]) : `${JSON.stringify({ ...period, ...review }, null, 2)}\n`;
      }
      const review = (await handlers.getReview(input('getReview', period))) as ApiOutputs['getReview'];
      return options.format === 'csv' ? matrixCsv(review.pairs) : `${JSON.stringify({ ...period, total: review.total, pairs: review.pairs }, null, 2)}\n`;
    } finally {
      store.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
