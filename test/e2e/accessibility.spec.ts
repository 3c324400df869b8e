import { expect, expectAccessible, joinAsAdmin, screenshotPath, test } from './preview.js';
import { NewRequestDialog } from './pages/newRequestDialog.js';

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

      const dialog = await NewRequestDialog.open(page);
      await dialog.fill({
        to: 'IT',
        type: 'Access to a system',
        title: 'CRM access for the new rep',
        answers: { System: 'CRM', 'Access level': { option: 'Write' } },
        neededInDays: 1,
      });
      await expectAccessible(page, 'new request');
      await shot('new-request');
      await dialog.send();
      await expect(page.getByRole('complementary', { name: 'CRM access for the new rep' })).toBeVisible();
      await expectAccessible(page, 'queue with a request open');
      await shot('outgoing-detail');

      // The share's creator is its admin: it joins IT, to see the request from the other side.
      await joinAsAdmin(page, 'IT');
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
