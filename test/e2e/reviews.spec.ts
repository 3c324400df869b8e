import { callApi, expect, inBothThemes, screenshotPath, setUpAs, test } from './preview.js';

test('a department head opens Reviews, reads the matrix, opens a cell, exports it as CSV, reads the trends and a department’s review, and prints', async ({
  page,
  preview,
}) => {
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
  await inBothThemes(page, 'reviews', 'Reviews');

  const download = page.waitForEvent('download');
  await cell.getByRole('button', { name: 'Export these requests' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('interdesk-Sales-Engineering.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\n')[0]).toMatch(/^key,title,requesting,providing,created,status/);
  expect(csv).toContain('Quote for Acme');

  // Trends: each chart beside its numbers, read as a table by screen readers.
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  const requests = page.getByRole('figure', { name: /Requests and late ones/ });
  await expect(requests.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(requests.getByRole('table', { name: 'Requests and late ones', includeHidden: true })).toHaveCount(1);
  const backlog = page.getByRole('figure', { name: /Open now, by age/ });
  await expect(backlog.getByRole('row', { name: /Under a day 3 0/, includeHidden: true })).toHaveCount(1);
  await inBothThemes(page, 'reviews-trends', 'Reviews, trends');

  // One department's review: Sales asked three requests of two departments.
  await page.getByRole('button', { name: 'One department', exact: true }).click();
  const asked = page.getByRole('region', { name: 'Asked by Sales of others' });
  await expect(asked.getByRole('row', { name: /^Engineering 2/ })).toBeVisible();
  await expect(asked.getByRole('row', { name: /^IT 1/ })).toBeVisible();
  await inBothThemes(page, 'reviews-department', 'Reviews, one department');

  // Print: the button asks the browser (or the desktop app) to print; the print view fits A4.
  await page.getByRole('button', { name: 'Matrix', exact: true }).click();
  await expect(matrix).toBeVisible();
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  // A4 is 210 mm wide; less the margins, 186 mm = 703 CSS pixels.
  await page.setViewportSize({ width: 703, height: 1000 });
  await expect(page.getByRole('navigation', { name: 'Queues' })).toBeHidden();
  await expect(page.getByText(/^Interdesk · Matrix · /)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: screenshotPath('reviews-print'), fullPage: true });
  const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
  // Chromium's own PDF: the review on one A4 page.
  const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(pages).toHaveLength(1);
  // Chromium rounds A4 (595.3 × 841.9 points) up through its pixels.
  expect(Math.abs(pages[0]![0]! - 595)).toBeLessThanOrEqual(1);
  expect(Math.abs(pages[0]![1]! - 842)).toBeLessThanOrEqual(1);
});
