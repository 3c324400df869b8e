import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { PACK_AFTER_SEGMENTS } from '../../electron/sync/packer.js';
import { saveRequest, storeMachine } from '../helpers/storeMachine.js';

const root = mkdtempSync(join(tmpdir(), 'interdesk-packkill-'));
const worker = join(root, 'worker.mjs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // Bundled once, so each of the many starts costs a Node start and no TypeScript compile.
  await build({ entryPoints: ['test/integration/workers/packWorker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'error' });
});

/** Runs the packing worker on a copy of the share and of the device's data; answers how it ended. */
function pack(data: string, share: string, deviceId: string, start: number, killAt?: number) {
  const run = spawnSync(process.execPath, [worker, data, share, deviceId, String(start), ...(killAt ? [String(killAt)] : [])], { encoding: 'utf8' });
  if (run.signal !== 'SIGKILL' && run.status !== 0) throw new Error(`the packing worker failed:\n${run.stderr}`);
  return { killed: run.signal === 'SIGKILL', changes: Number(/DONE (\d+)/.exec(run.stdout)?.[1] ?? 0) };
}

/** A fresh machine reading the share: every operation `expected` holds, each once. */
async function readsEverything(share: string, expected: string) {
  const reader = storeMachine({ share, dir: mkdtempSync(join(root, 'reader-')), snapshots: false, packs: false, fullScanEvery: 1 });
  try {
    await reader.engine.syncNow();
    return { count: reader.store.opCount, digest: stateDigest(reader.store.operations()) === expected };
  } finally {
    reader.stop();
  }
}

describe('packing killed (SIGKILL) before every change it makes to the share', () => {
  it('loses and doubles no operation, every reader still finds every operation, and a restart finishes the job', async () => {
    const start = Date.now();
    const share = join(root, 'share');
    const data = join(root, 'device');
    mkdirSync(share);
    const a = storeMachine({ share, dir: data, packs: false, snapshots: false, fullScanEvery: 1 });
    for (let i = 0; i < PACK_AFTER_SEGMENTS + 3; i++) {
      saveRequest(a.store, `Save ${i + 1}`);
      await a.engine.syncNow();
    }
    const deviceId = a.store.deviceId;
    const total = a.store.opCount;
    const expected = stateDigest(a.store.operations());
    a.stop();
    const layout = new ShareLayout(share);

    // Without a kill: how many changes packing and removing make.
    const whole = pack(cpCopy(data, 'whole-data'), cpCopy(share, 'whole-share'), deviceId, start);
    expect(whole.killed).toBe(false);
    expect(whole.changes).toBeGreaterThan(PACK_AFTER_SEGMENTS);

    for (let killAt = 1; killAt <= whole.changes; killAt++) {
      const s = cpCopy(share, `share-${killAt}`);
      const d = cpCopy(data, `data-${killAt}`);
      expect(pack(d, s, deviceId, start, killAt).killed, `killed before change ${killAt}`).toBe(true);
      expect(await readsEverything(s, expected), `after a kill before change ${killAt}`).toEqual({ count: total, digest: true });
      // Started again, it finishes: one pack, no small segment left, and still every operation.
      expect(pack(d, s, deviceId, start).killed).toBe(false);
      expect(readdirSync(layout.logDir(deviceId).replace(share, s))).toEqual([]);
      expect(await readsEverything(s, expected)).toEqual({ count: total, digest: true });
      rmSync(s, { recursive: true, force: true });
      rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);
});

function cpCopy(from: string, name: string): string {
  const to = join(root, name);
  cpSync(from, to, { recursive: true });
  return to;
}
