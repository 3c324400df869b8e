import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startPreview, test } from './preview.js';

test('a saved view survives a restart of the app', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interdesk-views-'));
  let preview = await startPreview(dataDir);
  try {
    await page.goto(preview.url);
    await page.getByLabel('Your name').fill('Vic Views');
    await page.getByLabel('Your department').selectOption('IT');
    await page.getByRole('button', { name: 'Start using Interdesk' }).click();
    await expect(page.getByRole('heading', { name: /Incoming/ })).toBeVisible();
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel('Priority', { exact: true }).selectOption('P1');
    await filters.getByLabel('Due', { exact: true }).selectOption('today');
    await page.getByRole('searchbox', { name: 'Search this queue' }).fill('printer');
    await filters.getByRole('button', { name: 'Save view…' }).click();
    await filters.getByLabel('Name of the view').fill('Urgent printers');
    await filters.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Saved views' }).getByRole('button', { name: 'Urgent printers', exact: true })).toBeVisible();

    await preview.stop();
    preview = await startPreview(dataDir);
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: /Incoming/ })).toBeVisible();
    await expect(filters.getByLabel('Priority', { exact: true })).toHaveValue('any');
    await page.getByRole('region', { name: 'Saved views' }).getByRole('button', { name: 'Urgent printers', exact: true }).click();
    await expect(filters.getByLabel('Priority', { exact: true })).toHaveValue('P1');
    await expect(filters.getByLabel('Due', { exact: true })).toHaveValue('today');
    await expect(page.getByRole('searchbox', { name: 'Search this queue' })).toHaveValue('printer');
  } finally {
    await preview.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
