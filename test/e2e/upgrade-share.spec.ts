import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { expect, screenshotPath, setUpAs, startPreview, test } from './preview.js';

test('on a shared folder made before Interdesk knew people, a person turns roles on from People and becomes its admin', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-upgrade-'));
  const share = join(root, 'share');
  try {
    // The folder as a build before keys left it: its format.json names no root.
    const layout = new ShareLayout(share);
    mkdirSync(layout.devicesDir, { recursive: true });
    writeFileSync(
      layout.formatFile,
      JSON.stringify({ format: 'interdesk-share', major: 1, minor: 0, shareId: '7d3c1b2a-0f4e-4d5c-8b6a-9e8f7a6b5c4d', createdAt: '2026-01-05T09:00:00.000Z' }),
    );
    const sam = await startPreview(join(root, 'sam'));
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
    try {
      await setUpAs(page, sam.url, 'Sam Seller', 'Sales', share);
      await page.getByRole('button', { name: 'People' }).click();
      await expect(page.getByRole('group', { name: 'Turn on roles' })).toBeVisible();
      await page.screenshot({ path: screenshotPath('people-roles-off') });
      await page.getByRole('button', { name: 'Turn on roles' }).click();
      const people = page.getByRole('table', { name: 'People' });
      await expect(people.getByRole('row', { name: /Sam Seller/ })).toContainText('Sales');
      await page.screenshot({ path: screenshotPath('people-roles-on') });
    } finally {
      await sam.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
