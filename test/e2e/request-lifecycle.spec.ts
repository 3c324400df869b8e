import { expect, joinAsAdmin, screenshotPath, test } from './preview.js';
import { NewRequestDialog } from './pages/newRequestDialog.js';

test('a request travels from Sales to Engineering and back', async ({ page, preview }) => {
  await page.goto(preview.url);

  // First-run setup.
  await expect(page.getByRole('heading', { name: 'Welcome to Interdesk' })).toBeVisible();
  await expect(page.getByLabel('Shared folder')).toHaveValue(`${preview.dataDir}/shared-folder`);
  await page.getByLabel('Your name').fill('Sam Seller');
  await page.getByLabel('Your department').selectOption('Sales');
  await page.screenshot({ path: screenshotPath('setup') });
  await page.getByRole('button', { name: 'Start using Interdesk' }).click();
  await expect(page.getByRole('heading', { name: /Incoming/ })).toBeVisible();
  await expect(page.getByText('Nothing waiting for Sales')).toBeVisible();

  // Sales asks Engineering for something, due in two days.
  const dialog = await NewRequestDialog.open(page);
  await dialog.fill({
    to: 'Engineering',
    type: 'General request',
    title: 'Demo environment for Acme pilot',
    details: 'Acme starts their pilot on Monday and needs a sandbox with sample data.',
    priority: 'P2',
    neededInDays: 20,
  });
  await page.screenshot({ path: screenshotPath('new-request') });
  await dialog.send();
  const outgoing = page.getByRole('table', { name: 'Outgoing requests' });
  await expect(outgoing.getByRole('row', { name: /Demo environment for Acme pilot/ })).toContainText('New');

  // The same person (the share's admin) joins Engineering and switches to it: the request is in its Incoming queue.
  await joinAsAdmin(page, 'Engineering');
  await page.getByRole('navigation').getByLabel('Department').selectOption('Engineering');
  await page.getByRole('button', { name: /^Incoming/ }).click();
  const row = page.getByRole('table', { name: 'Incoming requests' }).getByRole('row', { name: /Demo environment for Acme pilot/ });
  await expect(row).toContainText('Sales');
  await expect(row).toContainText('P2');
  // Nobody has answered yet: the row shows the first-response clock (P2: 2 business hours).
  await expect(row).toContainText('Reply · 2 h left');
  await expect(page.getByRole('button', { name: /^Incoming/ })).toContainText('1');
  // The virtual list assumes every row is exactly 48 px (ROW_HEIGHT); the styles must agree.
  expect((await row.boundingBox())!.height).toBe(48);
  await page.screenshot({ path: screenshotPath('queue') });

  // Engineering works it: acknowledge, comment, start, done.
  await row.click();
  const pane = page.getByRole('complementary', { name: 'Demo environment for Acme pilot' });
  await expect(pane.getByText('Acme starts their pilot on Monday')).toBeVisible();
  await pane.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(pane.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Start work' })).toBeVisible();
  await pane.getByLabel('Reply', { exact: true }).fill('Sandbox is being provisioned; you will have it tomorrow.');
  await pane.getByRole('button', { name: 'Send reply' }).click();
  await expect(pane.getByRole('listitem').filter({ hasText: 'Sandbox is being provisioned' })).toBeVisible();
  await pane.getByRole('button', { name: 'Start work' }).click();
  await expect(pane.getByText('In progress', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('detail') });
  await pane.getByRole('button', { name: 'Mark done' }).click();
  await expect(pane.getByText('Done', { exact: true })).toBeVisible();
  await expect(pane.getByRole('list').last()).toContainText('changed status from In progress to Done');

  // Back as Sales: the outgoing request shows Done, with Engineering's comment.
  await page.getByRole('navigation').getByLabel('Department').selectOption('Sales');
  await page.getByRole('button', { name: /^Outgoing/ }).click();
  const done = page.getByRole('table', { name: 'Outgoing requests' }).getByRole('row', { name: /Demo environment for Acme pilot/ });
  await expect(done).toContainText('Done');
  await done.click();
  await expect(page.getByRole('complementary').getByText('Sandbox is being provisioned')).toBeVisible();
  await page.screenshot({ path: screenshotPath('requester-done') });
});
