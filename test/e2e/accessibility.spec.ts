import { addDays, format } from 'date-fns';
import { expect, expectAccessible, screenshotPath, test } from './preview.js';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`every screen passes axe-core with no serious violations (${colorScheme})`, async ({ page, preview }) => {
      const shot = (name: string) => page.screenshot({ path: screenshotPath(`${colorScheme}-${name}`) });
      await page.goto(preview.url);
      await expect(page.getByRole('heading', { name: 'Welcome to Interdesk' })).toBeVisible();
      await expectAccessible(page, 'setup');
      await page.getByLabel('Your name').fill('Ada Admin');
      await page.getByLabel('Your department').selectOption('Sales');
      await page.getByRole('button', { name: 'Start using Interdesk' }).click();
      await expect(page.getByText('Nothing waiting for Sales')).toBeVisible();
      await expectAccessible(page, 'empty queue');

      await page.getByRole('button', { name: 'New request', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'New request' });
      await dialog.getByLabel('To department').selectOption('IT');
      await dialog.getByLabel('Request type').selectOption({ label: 'Access to a system' });
      await dialog.getByLabel('Title').fill('CRM access for the new rep');
      await dialog.getByLabel('System', { exact: true }).fill('CRM');
      await dialog.getByLabel('Access level').selectOption('Write');
      await dialog.getByLabel('Needed by').fill(format(addDays(new Date(), 1), 'yyyy-MM-dd'));
      await expectAccessible(page, 'new request');
      await shot('new-request');
      await dialog.getByRole('button', { name: /^Send/ }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('complementary', { name: 'CRM access for the new rep' })).toBeVisible();
      await expectAccessible(page, 'queue with a request open');
      await shot('outgoing-detail');

      await page.getByRole('navigation').getByLabel('Department').selectOption('IT');
      await page.getByRole('button', { name: /^Incoming/ }).click();
      await expect(page.getByRole('table', { name: 'Incoming requests' })).toBeVisible();
      await expectAccessible(page, 'incoming');
      await shot('incoming');
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectAccessible(page, 'shortcuts');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Department settings' }).click();
      await expect(page.getByRole('heading', { name: 'Department settings' })).toBeVisible();
      await expectAccessible(page, 'department settings');
      await shot('settings');
      await page.getByRole('button', { name: 'Preferences' }).click();
      await expect(page.getByRole('heading', { name: 'Preferences' })).toBeVisible();
      await expectAccessible(page, 'preferences');
      await shot('preferences');
    });
  });
}
