import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { Preview } from '../helpers/preview.js';
import { startPreview } from '../helpers/preview.js';

export { startPreview };

/** `preview`: one fresh Interdesk (data folder and server) per test, removed afterwards. */
export const test = base.extend<{ preview: Preview }>({
  preview: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'interdesk-e2e-'));
    const preview = await startPreview(dir);
    await use(preview);
    await preview.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

export const screenshotPath = (name: string) => join('test-results', 'screenshots', `${name}.png`);
