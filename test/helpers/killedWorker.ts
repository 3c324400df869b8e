import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles a worker once, so each of a test's many starts costs a Node start and no TypeScript compile; answers the bundle's path. */
export async function bundleWorker(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, 'worker.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
  return outfile;
}

/**
 * Starts `worker` with `args` and kills it (SIGKILL) `afterMs` after it prints READY; answers what
 * it acknowledged (`ACK <id>` lines: a line cut by the kill was never a full acknowledgement).
 */
export function runUntilKilled(worker: string, args: string[], afterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      if (!out.includes('READY') && (out + d.toString()).includes('READY')) setTimeout(() => child.kill('SIGKILL'), afterMs);
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the worker ended by itself:\n${err}`));
      resolve([...out.matchAll(/^ACK (\S+)$/gm)].map((m) => m[1]!));
    });
  });
}
