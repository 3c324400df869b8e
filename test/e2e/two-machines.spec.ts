import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveOnPeople, expect, screenshotPath, setUpAs, startPreview, test } from './preview.js';
import { NewRequestDialog } from './pages/newRequestDialog.js';

test('two machines on one shared folder: a request reaches the other, offline edits arrive after', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-2m-'));
  const share = join(root, 'share');
  mkdirSync(share);
  // B reaches the share through a link we can cut: its "network drive".
  const bShare = join(root, 'b-drive');
  symlinkSync(share, bShare);
  const a = await startPreview(join(root, 'a'));
  const b = await startPreview(join(root, 'b'));
  const pageA = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  const pageB = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  try {
    await setUpAs(pageA, a.url, 'Sam Seller', 'Sales', share);
    await setUpAs(pageB, b.url, 'Eve Engineer', 'Engineering', bShare);
    // Eve is new on a share in use: unverified until someone who may answers approves her.
    await expect(pageB.getByRole('button', { name: 'Unverified: waiting for a lead' })).toBeVisible();
    await pageB.getByRole('button', { name: /^People/ }).click();
    await expect(pageB.getByRole('note')).toContainText('You asked to join Engineering');
    await pageB.screenshot({ path: screenshotPath('people-join-request') });
    await pageB.getByRole('button', { name: /^Incoming/ }).click();

    const dialog = await NewRequestDialog.open(pageA);
    await dialog.fill({ to: 'Engineering', type: 'General request', title: 'Repository access for the Acme pilot', neededInDays: 4 });
    await dialog.send();
    const sentAt = Date.now();

    // Within 2 s, with default settings, it is in B's Incoming queue.
    const rowB = pageB.getByRole('table', { name: 'Incoming requests' }).getByRole('row', { name: /Repository access for the Acme pilot/ });
    await expect(rowB).toBeVisible({ timeout: 2_000 });
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    await expect(rowB).toContainText('Sales');

    // Unverified, Eve cannot acknowledge it: only members of Engineering may.
    await rowB.click();
    await pageB.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(pageB.getByRole('alert')).toContainText('You are not a member of Engineering yet');
    // Sam, the share's creator and so its admin, approves her on the People screen.
    await pageA.getByRole('button', { name: /^People/ }).click();
    await expect(pageA.getByRole('button', { name: 'Approve Eve Engineer for Engineering' })).toBeVisible({ timeout: 15_000 });
    await pageA.screenshot({ path: screenshotPath('people-approval') });
    await approveOnPeople(pageA, pageB, 'Eve Engineer', 'Engineering');
    await pageA.getByRole('button', { name: /^People/ }).click();
    await expect(pageA.getByRole('table', { name: 'People' }).getByRole('row', { name: /Eve Engineer/ })).toContainText('Engineering');
    await pageA.screenshot({ path: screenshotPath('people') });
    await pageA.getByRole('button', { name: /^Incoming/ }).click();
    await pageB.getByRole('button', { name: /^Incoming/ }).click();

    // B loses the drive, works on, and says so.
    unlinkSync(bShare);
    await rowB.click();
    await pageB.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(pageB.getByRole('complementary').getByText('Acknowledged', { exact: true })).toBeVisible();
    await pageB.getByLabel('Reply', { exact: true }).fill('Granted as soon as the VPN is back.');
    await pageB.getByRole('button', { name: 'Send reply' }).click();
    const statusB = pageB.getByRole('status');
    await expect(statusB).toContainText(/Offline since \d\d:\d\d — 2 changes waiting/, { timeout: 10_000 });
    await pageB.screenshot({ path: screenshotPath('offline') });

    // The drive comes back: the outbox drains by itself and A sees the edits.
    symlinkSync(share, bShare);
    await expect(statusB).toContainText('Synced', { timeout: 10_000 });
    await pageA.getByRole('button', { name: /^Outgoing/ }).click();
    const rowA = pageA.getByRole('table', { name: 'Outgoing requests' }).getByRole('row', { name: /Repository access/ });
    await expect(rowA).toContainText('Acknowledged', { timeout: 5_000 });
    await rowA.click();
    await expect(pageA.getByRole('complementary').getByText('Granted as soon as the VPN is back.')).toBeVisible();

    // Eve's internal note is Engineering's alone: sealed on the share, and never on Sam's screen.
    await pageB.getByRole('radio', { name: 'Internal note' }).check();
    await pageB.getByRole('textbox', { name: 'Internal note' }).fill('Pilot repo is acme-pilot-7; token in the vault.');
    await pageB.getByRole('button', { name: 'Add note' }).click();
    await expect(pageB.getByRole('list', { name: 'Internal notes' })).toContainText('Pilot repo is acme-pilot-7');
    await pageB.screenshot({ path: screenshotPath('request-sealed-note') });
    await expect(statusB).toContainText('Synced', { timeout: 10_000 });
    const onShare = readdirSync(share, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(share, f)).isFile() && readFileSync(join(share, f)).includes('acme-pilot-7'));
    expect(onShare).toEqual([]);
    await expect(pageA.getByRole('list', { name: 'Internal notes' })).toHaveCount(0);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    rmSync(root, { recursive: true, force: true });
  }
});
