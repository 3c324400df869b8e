import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiOutputs } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { Result } from '../../shared/contract/result.js';
import type { ApiInputs } from '../../shared/contract/schemas.js';

/**
 * The environment that runs a process with its clock moved by `offset` ("+2y"): libfaketime
 * preloaded directly. Not the `faketime` wrapper: it keeps a named semaphore per process id, which a
 * killed wrapper leaves behind, and a later wrapper that gets the same id cannot start.
 */
export function fakeClock(offset: string): Record<string, string> {
  const lib = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .map((dir) => join(dir, 'faketime', 'libfaketime.so.1'))
    .find((path) => existsSync(path));
  if (!lib) throw new Error('libfaketime is not installed: install Debian’s faketime package (.ci/run does).');
  return { LD_PRELOAD: lib, FAKETIME: offset };
}

export interface ServerProcess {
  call<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<Result<ApiOutputs[M]>>;
  must<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<ApiOutputs[M]>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The browser-transport server run from source as its own process on `dataDir`: a real staff
 * machine as far as the data is concerned; `env` adds to its environment (a clock years off: `fakeClock`).
 */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const args = ['--import', 'tsx', 'electron/server/preview.ts', '--data-dir', dataDir];
  // Its own process group, so a kill reaches everything it started.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true, env: { ...process.env, ...env } });
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /INTERDESK_READY (.+)/.exec(out);
      if (m) resolve(JSON.parse(m[1]!) as { port: number; token: string });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const call = async <M extends ApiMethod>(method: M, input: ApiInputs[M]) => {
    const res = await fetch(`http://127.0.0.1:${ready.port}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Result<ApiOutputs[M]>;
  };
  return {
    call,
    async must(method, input) {
      const r = await call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      return exited;
    },
  };
}
