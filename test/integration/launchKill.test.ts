import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestStore } from '../../electron/store/requestStore.js';
import { loadDeviceKey } from '../../electron/sync/deviceKey.js';

const KILLS = Number(process.env.LAUNCH_KILLS ?? 25);
const root = mkdtempSync(join(tmpdir(), 'interdesk-launchkill-'));
const worker = join(root, 'worker.mjs');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  // Bundled once, so each of the many starts costs a Node start and no TypeScript compile.
  await build({ entryPoints: ['test/integration/workers/launchWorker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'error' });
});

/** Starts the launching machine and kills it (SIGKILL) `afterMs` after it is ready; the parents it acknowledged. */
function launchUntilKilled(dataDir: string, afterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      if (!out.includes('READY') && (out + d.toString()).includes('READY')) setTimeout(() => child.kill('SIGKILL'), afterMs);
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the launching worker ended by itself:\n${err}`));
      resolve([...out.matchAll(/^ACK (\S+)$/gm)].map((m) => m[1]!));
    });
  });
}

describe('a launch killed (SIGKILL) at random points', () => {
  it(`leaves the whole chain or none of it, and every acknowledged chain whole (${KILLS} kills)`, async () => {
    const dataDir = join(root, 'hr');
    const acknowledged: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      acknowledged.push(...(await launchUntilKilled(dataDir, Math.floor(Math.random() * 80))));
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
