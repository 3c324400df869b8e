import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveOnPeople, callApi, expect, expectAccessible, screenshotPath, setUpAs, startPreview, test } from './preview.js';
import { NewRequestDialog } from './pages/newRequestDialog.js';

test('a confidential request to HR: HR reads it, another department sees only that it exists', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-conf-'));
  const share = join(root, 'share');
  mkdirSync(share);
  const [sam, hana, ivy] = await Promise.all(['sam', 'hana', 'ivy'].map((who) => startPreview(join(root, who))));
  const page = async () => (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  const [samPage, hanaPage, ivyPage] = [await page(), await page(), await page()];
  try {
    await setUpAs(samPage, sam!.url, 'Sam Seller', 'Sales', share);
    await setUpAs(hanaPage, hana!.url, 'Hana Hiring', 'HR', share);
    await setUpAs(ivyPage, ivy!.url, 'Ivy Admin', 'IT', share);
    await approveOnPeople(samPage, hanaPage, 'Hana Hiring', 'HR');
    const dialog = await NewRequestDialog.open(samPage);
    await dialog.fill({
      to: 'HR',
      type: 'Employment letter',
      title: 'Salary letter for Dana Adams',
      details: 'Her pay rises to 5,400 a month.',
      neededInDays: 10,
    });
    // Once admitted, Hana's computer gives HR its key and lock; Sam's can seal to HR once it has read them.
    await expect(async () => {
      await callApi(hana!.url, 'syncNow', {});
      await callApi(sam!.url, 'syncNow', {});
      await dialog.send();
    }).toPass({ timeout: 15_000 });

    // HR reads it in its queue and on its page, marked confidential.
    const row = hanaPage.getByRole('table', { name: 'Incoming requests' }).getByRole('row', { name: /Salary letter for Dana Adams/ });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await expect(row).toContainText('Confidential');
    await row.click();
    await expect(hanaPage.getByRole('complementary').getByText('Her pay rises to 5,400 a month.')).toBeVisible();
    await hanaPage.screenshot({ path: screenshotPath('confidential-request-hr') });

    // IT sees that Sales asked HR for something by a date: not what.
    await ivyPage.getByRole('button', { name: /^All departments/ }).click();
    const locked = ivyPage.getByRole('table', { name: /requests/ }).getByRole('row', { name: /Confidential request/ });
    await expect(locked).toBeVisible({ timeout: 15_000 });
    await locked.click();
    await expect(ivyPage.getByRole('complementary')).toContainText('its title, details and answers are sealed for Sales and HR');
    await expect(ivyPage.getByText('Salary letter')).toHaveCount(0);
    await ivyPage.screenshot({ path: screenshotPath('confidential-request-locked') });
    await expectAccessible(ivyPage, 'a locked confidential request');

    // Ivy, whom no lead has approved, may still ask HR for something: HR sees it marked.
    await callApi(ivy!.url, 'createRequest', {
      toDepartment: 'HR',
      typeId: 'onboarding',
      title: 'Desk for a new admin',
      details: '',
      priority: 'P3',
      neededBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      form: { person: 'Ola Nord', start: '2027-01-04' },
    });
    await callApi(ivy!.url, 'syncNow', {});
    await hanaPage.getByRole('button', { name: 'Close request' }).click();
    const unverified = hanaPage.getByRole('table', { name: 'Incoming requests' }).getByRole('row', { name: /Desk for a new admin/ });
    await expect(unverified).toContainText('Unverified', { timeout: 15_000 });
    await hanaPage.screenshot({ path: screenshotPath('queue-unverified') });

    // HR's confidential types, as Department settings shows them.
    await hanaPage.getByRole('button', { name: 'Department settings' }).click();
    const types = hanaPage.getByRole('group', { name: 'Confidential request types' });
    await expect(types.getByRole('checkbox', { name: 'Employment letter' })).toBeChecked();
    await types.scrollIntoViewIfNeeded();
    await hanaPage.screenshot({ path: screenshotPath('settings-confidential-types') });
  } finally {
    await Promise.all([sam, hana, ivy].map((p) => p!.stop()));
    rmSync(root, { recursive: true, force: true });
  }
});
