import { expect, expectAccessible, inBothThemes, screenshotPath, setUpAs, test } from './preview.js';

test('a lead sets up weekly scrubs from Supply: asked ahead at once, skipped for a holiday, paused, and each request says what asked for it', async ({
  page,
  preview,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await setUpAs(page, preview.url, 'Fay Facil', 'Facilities');
  await page.getByRole('button', { name: 'Recurring' }).click();
  await expect(page.getByText('Facilities has no recurring requests yet.')).toBeVisible();

  await page.getByRole('button', { name: 'New recurring request' }).click();
  const form = page.getByRole('form', { name: 'New recurring request' });
  await form.getByLabel('Title of each request').fill('Scrubs for ward 3');
  await form.getByLabel('Asked of').selectOption('Supply');
  await form.getByLabel('Request type').selectOption('purchase');
  await form.getByLabel('Item').fill('Scrubs');
  await form.getByLabel('Quantity').fill('40');
  await form.getByLabel('Weeks or months').selectOption('weeks');
  await form.getByLabel('Weekday').selectOption('Wednesday');
  // Ten working days ahead: the coming Wednesday's request is due to be sent now, whatever the day the test runs.
  await form.getByLabel('Ask ahead').fill('10');
  await page.screenshot({ path: screenshotPath('recurring-form') });
  await expectAccessible(page, 'A new recurring request');
  await form.getByRole('button', { name: 'Save' }).click();

  const schedules = page.getByRole('table', { name: 'Facilities’s recurring requests' });
  await expect(schedules.getByRole('row', { name: /Scrubs for ward 3 Supply Every week on Wednesday .* Active/ })).toBeVisible();
  const detail = page.getByRole('region', { name: 'Scrubs for ward 3' });
  const asked = detail.getByRole('button', { name: 'Scrubs for ward 3' }).first();
  await expect(asked).toBeVisible();
  await inBothThemes(page, 'recurring', 'Recurring requests');

  // The ward is shut on the next Wednesday, which Supply's calendar does not know.
  const skip = detail.getByRole('button', { name: /^Skip / });
  const skipped = ((await skip.textContent()) ?? '').replace('Skip ', '');
  await skip.click();
  const skippedFact = detail
    .getByRole('term')
    .filter({ hasText: /^Skipped$/ })
    .locator('xpath=following-sibling::dd[1]');
  await expect(skippedFact).toHaveText(skipped);
  await detail.getByRole('button', { name: 'Pause' }).click();
  await expect(schedules.getByRole('row', { name: /Scrubs for ward 3 .* Paused/ })).toBeVisible();
  await detail.getByRole('button', { name: 'Resume' }).click();
  await expect(schedules.getByRole('row', { name: /Scrubs for ward 3 .* Active/ })).toBeVisible();

  // A request it sent says so on its page.
  await asked.click();
  const pane = page.getByRole('complementary', { name: 'Scrubs for ward 3' });
  await expect(pane.getByRole('definition').filter({ hasText: /^Scrubs for ward 3, for Wed / })).toBeVisible();
  await page.screenshot({ path: screenshotPath('request-recurring') });
  await expectAccessible(page, 'A recurring request’s page');
});
