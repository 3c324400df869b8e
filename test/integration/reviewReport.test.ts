import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { ReportError, reviewReport } from '../../electron/services/reviewReport.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();
const today = format(new Date(), 'yyyy-MM-dd');

/** Sam in Sales asked Engineering twice and IT once, today; Interdesk still running on the folder. */
async function dataFolder() {
  const sam = startServices();
  undo.cleanup.push(() => sam.dispose());
  await sam.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: undo.tempDir('interdesk-share-') });
  await sam.must('createRequest', { ...laptopRequest('Engineering'), title: 'Drawing for order 4711' });
  await sam.must('createRequest', { ...laptopRequest('Engineering'), title: 'Quote for Acme', priority: 'P1' });
  await sam.must('createRequest', laptopRequest('IT'));
  return sam.dataDir;
}

const storeFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'store')).map((name) => {
    const s = statSync(join(dataDir, 'store', name));
    return [name, s.size, s.mtimeMs];
  });

describe('npm run report: the reviews from the command line', () => {
  it('prints the matrix, every request, or one department’s review, as CSV or JSON, from a copy of the store', async () => {
    const dataDir = await dataFolder();
    const before = storeFiles(dataDir);
    const matrix = await reviewReport({ dataDir, from: today, to: today, format: 'csv', what: { matrix: true } });
    expect(matrix.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^requesting,providing,requests,first_response_met,resolution_met,/),
      expect.stringMatching(/^Sales,Engineering,2,/),
      expect.stringMatching(/^Sales,IT,1,/),
    ]);
    const json = JSON.parse(await reviewReport({ dataDir, from: today, to: today, format: 'json', what: { matrix: true }, priority: 'P1' }));
    expect(json).toMatchObject({ total: 1, pairs: [{ from: 'Sales', to: 'Engineering', count: 1 }] });
    const requests = await reviewReport({ dataDir, format: 'csv', what: { requests: true } });
    expect(requests).toContain('Quote for Acme');
    expect(requests.trim().split('\n')).toHaveLength(4);
    const sales = JSON.parse(await reviewReport({ dataDir, format: 'json', what: { department: 'sales' } }));
    expect(sales).toMatchObject({ department: 'Sales', asked: { count: 3 }, received: null });
    // The running app's store is read from a copy, never opened: not a byte or a date of it moved.
    expect(storeFiles(dataDir)).toEqual(before);
  });

  it('says what is wrong and what to do: a date that is not one, a period backwards, a department or folder that does not exist', async () => {
    const dataDir = await dataFolder();
    const report = (over: object) => reviewReport({ dataDir, format: 'csv', what: { matrix: true }, ...over });
    await expect(report({ from: '2026-13-01' })).rejects.toThrow(/--from 2026-13-01 is not a date: write it as yyyy-mm-dd/);
    await expect(report({ to: '2026-02-30' })).rejects.toThrow(/--to 2026-02-30 is not a date/);
    await expect(report({ from: '2026-11-30', to: '2026-11-01' })).rejects.toThrow(/ends before it starts/);
    await expect(report({ what: { department: 'Marketing' } })).rejects.toThrow(/no department called "Marketing"/);
    await expect(report({ dataDir: undo.tempDir('interdesk-empty-') })).rejects.toThrow(ReportError);
  });

  it('runs as a command: the figures on standard output; a mistake said on standard error with the usage, exit 2', async () => {
    const dataDir = await dataFolder();
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/report.ts', '--data', dataDir, ...args]);
    const { stdout } = await run('--format', 'csv');
    expect(stdout.split('\n')[1]).toMatch(/^Sales,Engineering,2,/);
    await expect(run('--format', 'xml')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--format xml: choose csv or json\.[\s\S]*Usage: npm run report/),
    });
  });
});
