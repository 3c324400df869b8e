import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../helpers/serverProcess.js';
import { fakeClock, startServerProcess } from '../helpers/serverProcess.js';
import { admitAsked } from '../helpers/admit.js';
import { laptopRequest } from '../helpers/requestInputs.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<{ value: T; after: number }> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, after: Date.now() - start };
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function machines(envB: Record<string, string> = {}): Promise<[ServerProcess, ServerProcess, string]> {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-procs-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const share = join(root, 'share');
  mkdirSync(share);
  const a = await startServerProcess(join(root, 'a'));
  cleanup.push(() => a.kill());
  const b = await startServerProcess(join(root, 'b'), envB);
  cleanup.push(() => b.kill());
  await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
  await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
  // Sam created the share: he admits Eve into the department she asked to join.
  await admitAsked(a, b);
  return [a, b, share];
}

describe('two real processes on one shared folder', () => {
  it('a request created on A is in B’s Incoming queue within 2 s, with default settings', async () => {
    const [a, b] = await machines();
    const { id } = await a.must('createRequest', laptopRequest());
    const seen = await until(async () => {
      const list = await b.must('listRequests', { view: 'incoming' });
      return list.items.find((r) => r.id === id);
    }, 2_000);
    expect(seen.value.title).toBe('Laptop for Dana');
    expect(seen.after).toBeLessThan(2_000);
  });

  it('a machine whose clock is two years ahead (faketime) still orders its edits by the share’s time', async () => {
    const [a, b] = await machines(fakeClock('+2y'));
    const status = await until(async () => {
      const s = await b.must('getSyncStatus', {});
      return s.clockSkewMs !== null ? s : undefined;
    }, 5_000);
    expect(status.value.clockSkewMs).toBeGreaterThan(700 * 86_400_000);

    const { id } = await a.must('createRequest', laptopRequest());
    await until(async () => ((await b.call('getRequest', { id })).ok ? true : undefined), 5_000);
    await b.must('changeStatus', { id, status: 'acknowledged' });
    // A's later edit wins: B's did not get a timestamp two years in the future.
    await until(async () => ((await a.must('getRequest', { id })).status === 'acknowledged' ? true : undefined), 5_000);
    await a.must('changeStatus', { id, status: 'cancelled', note: 'Not needed any more' });
    const final = await until(async () => {
      const d = await b.must('getRequest', { id });
      return d.status === 'cancelled' ? d : undefined;
    }, 5_000);
    const ackAt = Date.parse(final.value.history.find((h) => h.kind === 'status' && h.to === 'acknowledged')!.at);
    expect(Math.abs(ackAt - Date.now())).toBeLessThan(60_000);
  });
});
