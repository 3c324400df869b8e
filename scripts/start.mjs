// `npm start`: runs the built app in Electron. Electron's program is downloaded the first time;
// where that cannot happen, say so in one sentence (the download's stack only with --verbose).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const verbose = process.argv.includes('--verbose');
const args = process.argv.slice(2).filter((arg) => arg !== '--verbose');
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const binary = () => (existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null);

if (!binary() || !existsSync(binary())) {
  console.log('Downloading Electron (once)…');
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: verbose ? 'inherit' : 'pipe', encoding: 'utf8' });
  if (download.status !== 0 || !binary() || !existsSync(binary())) {
    const why = (download.stderr ?? '').split('\n').find((line) => line.trim()) ?? 'no reason given';
    console.error(
      `Interdesk cannot start: Electron's program is not on this computer and could not be downloaded (${why.trim()}).\n` +
        'Run `npm run preview` to use the same app in your browser, or `npm start -- --verbose` to see the whole error.',
    );
    process.exit(1);
  }
}

const app = spawn(binary(), ['.', ...args], { stdio: 'inherit' });
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
