import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface Preview {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the built browser-transport server (dist/server/preview.js) on a data folder of its own. */
export async function startPreview(dataDir: string): Promise<Preview> {
  const child = spawn(process.execPath, [resolve('dist/server/preview.js'), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /INTERDESK_READY (.+)/.exec(out);
      if (m) ok((JSON.parse(m[1]!) as { url: string }).url);
    });
    child.on('exit', (code) => fail(new Error(`The preview exited (${code}) before it listened:\n${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.on('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
