import type { Page } from '@playwright/test';
import { expect, joinAsAdmin, screenshotPath, setUpAs, test, workAroundTheClock } from './preview.js';
import { sendRequest, NewRequestDialog } from './pages/newRequestDialog.js';

/** The one person of the test (the share's admin) acts for another department: it joins it first if it has not. */
async function switchTo(page: Page, department: string) {
  const select = page.getByRole('navigation').getByLabel('Department');
  if (!(await select.locator('option', { hasText: department }).count())) await joinAsAdmin(page, department);
  await select.selectOption(department);
}

test('a request with less notice than its type needs is warned about, still sent, and marked short notice', async ({ page, preview }) => {
  await setUpAs(page, preview.url, 'Robin Ops', 'Sales');
  const newRequest = await NewRequestDialog.open(page);
  await newRequest.fill({
    to: 'IT',
    type: 'Hardware',
    title: 'Laptop for the new account manager',
    answers: { Item: { option: 'Laptop' }, Quantity: '1' },
    neededInDays: 1,
  });
  const { dialog } = newRequest;
  const warning = dialog.getByRole('status');
  await expect(warning).toContainText('Short notice.');
  await expect(warning).toContainText('IT asks for 3 d of notice for “Hardware”; the earliest standard date is');
  await page.screenshot({ path: screenshotPath('new-request-short-notice') });
  await dialog.getByRole('button', { name: 'Send at short notice' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('table', { name: 'Outgoing requests' }).getByRole('row', { name: /Laptop for the new account manager/ });
  await expect(row).toContainText('Short notice');
  await row.click();
  const pane = page.getByRole('complementary', { name: 'Laptop for the new account manager' });
  await expect(pane.getByText('Short notice')).toBeVisible();
  await expect(pane.getByText('Quantity')).toBeVisible();
});

test('pausing (waiting on the requester) and resuming moves the due date by the paused time', async ({ page, preview }) => {
  test.setTimeout(150_000);
  // Engineering works around the clock here, so the paused minute is business time whenever the test runs.
  await setUpAs(page, preview.url, 'Robin Ops', 'Engineering');
  await workAroundTheClock(page);
  // The settings scroll inside the window: a tall window shows all three sections at once.
  await page.setViewportSize({ width: 1366, height: 2000 });
  await page.screenshot({ path: screenshotPath('settings') });
  await page.setViewportSize({ width: 1366, height: 820 });

  await switchTo(page, 'Sales');
  await sendRequest(page, { to: 'Engineering', type: 'General request', title: 'Export the pilot data', neededInDays: 30 });

  await switchTo(page, 'Engineering');
  await page.getByRole('button', { name: /^Incoming/ }).click();
  await page
    .getByRole('table', { name: 'Incoming requests' })
    .getByRole('row', { name: /Export the pilot data/ })
    .click();
  const pane = page.getByRole('complementary', { name: 'Export the pilot data' });
  const olaTarget = pane.locator('dt:text-is("OLA target") + dd');
  const olaInstant = async () => Date.parse((await olaTarget.locator('time').getAttribute('datetime'))!);
  await pane.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(pane.getByText('Met')).toBeVisible(); // the acknowledgement was the first response
  const before = await olaInstant();

  await pane.getByRole('button', { name: 'Wait on requester' }).click();
  await pane.getByLabel(/What do you need from Sales/).fill('Which customers to include');
  await pane.getByRole('button', { name: 'Pause and wait' }).click();
  await expect(pane.getByText('Paused · Which customers to include')).toBeVisible();
  await expect(olaTarget).toHaveText('Moves when the pause ends');
  await expect(page.getByRole('table', { name: 'Incoming requests' }).getByRole('row', { name: /Export the pilot data/ })).toContainText('Paused');
  await page.screenshot({ path: screenshotPath('detail-paused') });

  // Due dates are shown to the minute: a pause of just over a minute must show.
  await page.waitForTimeout(61_000);
  await pane.getByRole('button', { name: 'Start work' }).click();
  await expect(pane.getByText('In progress', { exact: true })).toBeVisible();
  await expect(olaTarget.locator('time')).toBeVisible();
  const moved = (await olaInstant()) - before;
  expect(moved).toBeGreaterThanOrEqual(61_000);
  expect(moved).toBeLessThan(75_000);
  await pane.getByText('Why is it due then?').click();
  await expect(pane.getByText('Resumed; the paused time was added to the due date')).toBeVisible();
  await page.screenshot({ path: screenshotPath('detail-sla') });
});
