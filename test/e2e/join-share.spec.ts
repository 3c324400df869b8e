import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestStore } from '../../electron/store/requestStore.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { generateShare } from '../bench/generate.js';
import { keyFromSeed } from '../helpers/keys.js';
import { expect, screenshotPath, setUpAs, startPreview, test } from './preview.js';

test('a new machine joins a share in use: its queue from the share snapshot at once, a request opened with its history', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-join-'));
  const share = join(root, 'share');
  try {
    // A year of a small company's saves, as machines write them and pack them, and a colleague's snapshot of it.
    await generateShare(share, { devices: 12, requests: 2_000, operations: 20_000, opsPerSegment: 'saves', seedTimeZone: 'Europe/Berlin' });
    const colleague = RequestStore.open({ dir: join(root, 'colleague'), deviceId: 'colleague' });
    const engine = new SyncEngine({
      store: colleague,
      sharePath: () => share,
      identity: () => ({ user: 'Ann', department: 'IT' }),
      key: keyFromSeed('colleague'),
      watch: false,
    });
    await engine.syncNow();
    expect(await engine.writeSnapshot()).not.toBeNull();
    engine.stop();
    colleague.close();

    const joe = await startPreview(join(root, 'joe'));
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
    try {
      await setUpAs(page, joe.url, 'Joe Engineer', 'Engineering', share);
      const table = page.getByRole('table', { name: 'Incoming requests' });
      await expect(table.getByRole('row').nth(5)).toBeVisible();
      await page.screenshot({ path: screenshotPath('join-share-queue') });
      // A request from the history opens with its history: its replies and changes are there.
      await table.getByRole('row').nth(1).click();
      const pane = page.getByRole('complementary');
      await expect(pane.getByRole('heading', { level: 2 })).toBeVisible();
      await expect(pane.getByText(/^Update on \w+: done by Friday\.$/).first()).toBeVisible();
      await page.screenshot({ path: screenshotPath('join-share-request') });
    } finally {
      await joe.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
