import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveOnPeople, expect, screenshotPath, setUpAs, startPreview, test, workAroundTheClock } from './preview.js';
import { sendRequest } from './pages/newRequestDialog.js';

test('A sends a request to B’s department: B is told exactly once, and the notification opens it', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-notify-'));
  const share = join(root, 'share');
  mkdirSync(share);
  const a = await startPreview(join(root, 'a'));
  const b = await startPreview(join(root, 'b'));
  const pageA = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  const pageB = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  try {
    await setUpAs(pageA, a.url, 'Sam Seller', 'Sales', share);
    await setUpAs(pageB, b.url, 'Eve Engineer', 'Engineering', share);
    // Sam created the share: he approves Eve and makes her Engineering's lead, who may set its hours.
    await approveOnPeople(pageA, pageB, 'Eve Engineer', 'Engineering', { lead: true });
    // Engineering works around the clock here, so the notification is not held for opening time.
    await workAroundTheClock(pageB);
    await pageB.getByRole('button', { name: /^Incoming/ }).click();

    await sendRequest(pageA, { to: 'Engineering', type: 'General request', title: 'Security review of the Acme contract', neededInDays: 10 });

    const toasts = pageB.getByRole('region', { name: 'Notifications' });
    const toast = toasts.getByRole('button', { name: /New request from Sales.*Security review of the Acme contract/ });
    await expect(toast).toBeVisible({ timeout: 10_000 });
    await pageB.screenshot({ path: screenshotPath('notification') });
    // Later syncs and re-evaluations must not repeat it.
    await pageB.getByRole('button', { name: 'Sync now' }).click();
    await pageB.waitForTimeout(1_500);
    await expect(toasts.getByRole('button', { name: /^New request from Sales/ })).toHaveCount(1);
    await expect(pageA.getByRole('region', { name: 'Notifications' }).getByRole('button')).toHaveCount(0);

    await toast.click();
    await expect(pageB.getByRole('complementary', { name: 'Security review of the Acme contract' })).toBeVisible();
    await expect(toasts.getByRole('button')).toHaveCount(0);

    await pageB.getByRole('button', { name: 'Preferences' }).click();
    await expect(pageB.getByRole('checkbox', { name: 'A new request to my department' })).toBeChecked();
    await pageB.screenshot({ path: screenshotPath('preferences') });
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    rmSync(root, { recursive: true, force: true });
  }
});
