import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveOnPeople, callApi, expect, expectAccessible, screenshotPath, setUpAs, startPreview, test } from './preview.js';

test('Engineering pauses a Sales request to ask something: Sales finds it under Waiting on us, with what was asked', async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), 'interdesk-waiting-'));
  const share = join(root, 'share');
  mkdirSync(share);
  const [sam, eve] = await Promise.all(['sam', 'eve'].map((who) => startPreview(join(root, who))));
  const page = async () => (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  const [samPage, evePage] = [await page(), await page()];
  try {
    await setUpAs(samPage, sam!.url, 'Sam Seller', 'Sales', share);
    await setUpAs(evePage, eve!.url, 'Eve Engineer', 'Engineering', share);
    await approveOnPeople(samPage, evePage, 'Eve Engineer', 'Engineering');
    // The request and Engineering's question, through the API: the screen under test is Sales'.
    const neededBy = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const sent = await callApi<{ id: string }>(sam!.url, 'createRequest', {
      toDepartment: 'Engineering',
      typeId: 'general',
      title: 'Drawing for order 4711',
      details: 'The customer waits for the revised drawing.',
      priority: 'P2',
      neededBy,
      form: {},
    });
    await callApi(sam!.url, 'syncNow', {});
    await expect(async () => {
      await callApi(eve!.url, 'syncNow', {});
      await callApi(eve!.url, 'changeStatus', { id: sent.id, status: 'acknowledged' });
    }).toPass({ timeout: 15_000 });
    await callApi(eve!.url, 'changeStatus', { id: sent.id, status: 'waiting_on_requester', note: 'Which revision of the part: B or C?' });
    await callApi(eve!.url, 'syncNow', {});

    const nav = samPage.getByRole('button', { name: /^Waiting on us/ });
    await expect(nav).toContainText('1', { timeout: 15_000 });
    await nav.click();
    const row = samPage.getByRole('table', { name: /Waiting on us/ }).getByRole('row', { name: /Drawing for order 4711/ });
    await expect(row).toContainText('asked: Which revision of the part: B or C?');
    await expect(row).toContainText('Engineering');
    await samPage.screenshot({ path: screenshotPath('queue-waiting-on-us') });
    await expectAccessible(samPage, 'Waiting on us');
  } finally {
    await Promise.all([sam, eve].map((p) => p!.stop()));
    rmSync(root, { recursive: true, force: true });
  }
});
