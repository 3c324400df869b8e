import { spawn } from 'node:child_process';
import type { ApiOutputs } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { Result } from '../../shared/contract/result.js';
import type { ApiInputs } from '../../shared/contract/schemas.js';

export interface ServerProcess {
  call<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<Result<ApiOutputs[M]>>;
  must<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<ApiOutputs[M]>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The browser-transport server run from source as its own process on `dataDir`: a real staff
 * machine as far as the data is concerned. `wrapper` runs it under another command (faketime).
 */
export async function startServerProcess(dataDir: string, wrapper: string[] = []): Promise<ServerProcess> {
  const args = [process.execPath, '--import', 'tsx', 'electron/server/preview.ts', '--data-dir', dataDir];
  const [cmd, ...rest] = [...wrapper, ...args];
  // Its own process group: a wrapper like faketime forks, and a kill must reach the server too.
  const child = spawn(cmd!, rest, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
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
