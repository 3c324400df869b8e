import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Where Electron's program is installed, `npm start` would start the app: this test is for machines without it (as CI's). */
const electronInstalled = existsSync(join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'path.txt'));

describe('npm start where Electron cannot be downloaded', () => {
  it.skipIf(electronInstalled)('says in a sentence what failed and that npm run preview runs the same app, without a stack trace', () => {
    // Electron's downloader is pointed at a closed local port: the download fails at once, as it does offline.
    const env = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: mkdtempSync(join(tmpdir(), 'interdesk-electron-')) };
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], { env, encoding: 'utf8', timeout: 15_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Interdesk cannot start: Electron's program is not on this computer and could not be downloaded/);
    expect(run.stderr).toMatch(/npm run preview/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
