import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorker, runUntilKilled } from '../helpers/killedWorker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestStore } from '../../electron/store/requestStore.js';
import { loadDeviceKey } from '../../electron/sync/deviceKey.js';

const KILLS = Number(process.env.LAUNCH_KILLS ?? 25);
const root = mkdtempSync(join(tmpdir(), 'interdesk-launchkill-'));
let worker = '';
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  worker = await bundleWorker('test/integration/workers/launchWorker.ts', root);
});

describe('a launch killed (SIGKILL) at random points', () => {
  it(`leaves the whole chain or none of it, and every acknowledged chain whole (${KILLS} kills)`, async () => {
    const dataDir = join(root, 'hr');
    const acknowledged: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      acknowledged.push(...(await runUntilKilled(worker, [dataDir], Math.floor(Math.random() * 80))));
      const { deviceId } = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { deviceId: string };
      // Opened as the app opens it: with this computer's key, by which the roster knows it is HR's.
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId, publicKey: loadDeviceKey(dataDir, null).publicKey });
      try {
        const all = [...store.requests()];
        const parents = all.filter((e) => e.chain);
        for (const id of acknowledged) expect(store.request(id)?.chain, `acknowledged chain ${id} lost after kill ${kill}`).toBeDefined();
        // Every chain has its three steps, and no step is there without its chain.
        for (const p of parents)
          for (const step of p.chain!.value.steps) expect(store.request(step.request)?.create, `a step of ${p.id} is missing`).toBeTruthy();
        expect(all.length, `after kill ${kill}: ${parents.length} chains`).toBe(parents.length * 4);
      } finally {
        store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, 180_000);
});
