import { callApi, expect, expectAccessible, screenshotPath, setUpAs, test } from './preview.js';

test('a department head opens Reviews, reads the matrix, opens a cell and exports it as CSV', async ({ page, preview }) => {
  await page.setViewportSize({ width: 1366, height: 820 });
  await setUpAs(page, preview.url, 'Sam Seller', 'Sales');
  const neededBy = new Date(Date.now() + 10 * 86_400_000).toISOString();
  for (const [to, title] of [
    ['Engineering', 'Drawing for order 4711'],
    ['Engineering', 'Quote for Acme'],
    ['IT', 'Laptop for Dana'],
  ] as const)
    await callApi(preview.url, 'createRequest', { toDepartment: to, typeId: 'general', title, details: '', priority: 'P3', neededBy, form: {} });

  await page.getByRole('button', { name: 'Reviews', exact: true }).click();
  const matrix = page.getByRole('table', { name: /3 requests/ });
  await expect(matrix.getByRole('button', { name: /^Sales asked Engineering: 2 requests/ })).toBeVisible();
  await matrix.getByRole('button', { name: /^Sales asked Engineering/ }).click();
  const cell = page.getByRole('region', { name: 'Sales → Engineering' });
  await expect(cell.getByRole('button', { name: /Quote for Acme/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('reviews') });
  await expectAccessible(page, 'Reviews');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('reviews-dark') });
  await expectAccessible(page, 'Reviews, dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await cell.getByRole('button', { name: 'Export these requests' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('interdesk-Sales-Engineering.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\n')[0]).toMatch(/^key,title,requesting,providing,created,status/);
  expect(csv).toContain('Quote for Acme');
});
