import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveOnPeople, callApi, expect, expectAccessible, screenshotPath, setUpAs, startPreview, test } from './preview.js';

const ALWAYS = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]]), closures: [] };

/**
 * The two-way street between two machines on one share: Engineering pauses a Sales request to ask
 * something, Sales finds it under Waiting on us and answers, which resumes it; Engineering
 * proposes a later date and Sales accepts it; Sales escalates what runs late and Engineering's
 * lead finds it under Escalated. Each new screen is photographed and checked with axe.
 */
test('Sales and Engineering: waiting on us, a reply that resumes, a date agreed, an escalation reaching the lead, a hand-over', async ({ browser }) => {
  test.setTimeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'interdesk-street-'));
  const share = join(root, 'share');
  mkdirSync(share);
  const [sam, eve] = await Promise.all(['sam', 'eve'].map((who) => startPreview(join(root, who))));
  const page = async () => (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  const [samPage, evePage] = [await page(), await page()];
  /** Both machines sync until `check` holds: the state a person would wait to see. */
  const synced = (check: () => Promise<void>) =>
    expect(async () => {
      await callApi(sam!.url, 'syncNow', {});
      await callApi(eve!.url, 'syncNow', {});
      await check();
    }).toPass({ timeout: 20_000 });
  try {
    await setUpAs(samPage, sam!.url, 'Sam Seller', 'Sales', share);
    await setUpAs(evePage, eve!.url, 'Eve Engineer', 'Engineering', share);
    await approveOnPeople(samPage, evePage, 'Eve Engineer', 'Engineering', { lead: true });
    // Engineering works around the clock and its time to resolve is at risk within seconds: the test does not wait for the clock.
    await callApi(eve!.url, 'saveDepartmentConfig', { department: 'Engineering', section: 'calendar', value: ALWAYS });
    const policy = {
      targets: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { responseMinutes: 60, resolutionMinutes: 600 }])),
      atRisk: [0.0001, 0.5],
    };
    await callApi(eve!.url, 'saveDepartmentConfig', { department: 'Engineering', section: 'policy', value: policy });

    const sent = await callApi<{ id: string }>(sam!.url, 'createRequest', {
      toDepartment: 'Engineering',
      typeId: 'general',
      title: 'Drawing for order 4711',
      details: 'The customer waits for the revised drawing.',
      priority: 'P2',
      neededBy: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      form: {},
    });
    await synced(async () => void (await callApi(eve!.url, 'changeStatus', { id: sent.id, status: 'acknowledged' })));
    await callApi(eve!.url, 'changeStatus', { id: sent.id, status: 'waiting_on_requester', note: 'Which revision of the part: B or C?' });

    // Sales: Waiting on us, counted, with what was asked.
    const nav = samPage.getByRole('button', { name: /^Waiting on us/ });
    await synced(async () => expect(nav).toContainText('1', { timeout: 1_000 }));
    await nav.click();
    const row = samPage.getByRole('table', { name: /Waiting on us/ }).getByRole('row', { name: /Drawing for order 4711/ });
    await expect(row).toContainText('asked: Which revision of the part: B or C?');
    await samPage.screenshot({ path: screenshotPath('queue-waiting-on-us') });
    await expectAccessible(samPage, 'Waiting on us');

    // Sales answers: that resumes the request, and Engineering's page says whose reply did it.
    await row.click();
    const samPane = samPage.getByRole('complementary', { name: 'Drawing for order 4711' });
    await samPane.getByRole('textbox', { name: 'Reply' }).fill('Revision C, attached to the order.');
    await samPane.getByRole('button', { name: 'Send reply' }).click();
    await expect(samPane.getByText('In progress', { exact: true })).toBeVisible();
    await expect(nav).not.toContainText('1');
    const evePane = evePage.getByRole('complementary', { name: 'Drawing for order 4711' });
    await synced(async () => {
      await evePage.getByRole('button', { name: /^Incoming/ }).click();
      await evePage.getByRole('row', { name: /Drawing for order 4711/ }).click();
      await expect(evePane.getByRole('region', { name: 'History' })).toContainText('Resumed by Sales', { timeout: 1_000 });
    });

    // The time to resolve is at risk: Sales escalates, and Engineering's lead finds it under Escalated.
    // What a person does when a clock turns: opens the request again, and the page shows the clocks of now.
    await expect(async () => {
      await samPage.getByRole('button', { name: /^Outgoing/ }).click();
      await samPage.getByRole('row', { name: /Drawing for order 4711/ }).click();
      await expect(samPane.getByRole('button', { name: 'Escalate' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await samPane.getByRole('button', { name: 'Escalate' }).click();
    const why = samPane.getByRole('form', { name: 'Escalate' });
    await why.getByLabel(/Why escalate/).fill('The customer cancels the order on Friday.');
    await why.getByRole('button', { name: 'Escalate' }).click();
    await expect(samPane.getByRole('region', { name: 'History' })).toContainText('escalated it: “The customer cancels the order on Friday.”');
    const escalated = evePage.getByRole('button', { name: /^Escalated/ });
    await synced(async () => expect(escalated).toContainText('1', { timeout: 1_000 }));
    await escalated.click();
    const escalatedRow = evePage.getByRole('table', { name: /Escalated/ }).getByRole('row', { name: /Drawing for order 4711/ });
    await expect(escalatedRow).toContainText('The customer cancels the order on Friday.');
    await escalatedRow.click();
    await evePage.screenshot({ path: screenshotPath('queue-escalated') });
    await expectAccessible(evePage, 'Escalated');

    // Engineering proposes a later date; Sales accepts it; both see it agreed.
    await evePane.getByRole('button', { name: 'Propose a new date' }).click();
    const form = evePane.getByRole('form', { name: 'Propose a date' });
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Needed by').fill(later);
    await form.getByLabel(/Why this date/).fill('Revision C needs a new die: three weeks.');
    await form.getByRole('button', { name: 'Propose' }).click();
    await expect(evePane.getByRole('region', { name: 'Proposed date' })).toContainText('Waiting for Sales');
    await synced(async () => {
      await samPage.getByRole('button', { name: /^Outgoing/ }).click();
      await samPage.getByRole('row', { name: /Drawing for order 4711/ }).click();
      await expect(samPane.getByRole('region', { name: 'Proposed date' })).toContainText('Revision C needs a new die', { timeout: 1_000 });
    });
    await samPage.screenshot({ path: screenshotPath('request-date-proposed') });
    await expectAccessible(samPage, 'A proposed date');
    await samPane
      .getByRole('region', { name: 'Proposed date' })
      .getByRole('button', { name: /^Accept/ })
      .click();
    await expect(samPane.getByText(/Agreed: Sales accepted Engineering’s date/)).toBeVisible();
    await expect(samPane.getByRole('region', { name: 'Proposed date' })).toBeHidden();

    // Engineering hands it over to IT, as IT's hardware request; Sales's page says who has it now.
    await evePane.getByRole('button', { name: 'Hand over' }).click();
    const handOver = evePane.getByRole('form', { name: 'Hand over' });
    await handOver.getByLabel('To department').selectOption('IT');
    await handOver.getByLabel('As request type').selectOption({ label: 'Hardware' });
    await handOver.getByLabel(/Why them/).fill('The drawing tablet is IT’s to order.');
    // The photograph is of the form, not of what was said meanwhile.
    await evePage.screenshot({ path: screenshotPath('request-hand-over'), style: '.toasts { display: none; }' });
    await expectAccessible(evePage, 'Hand over');
    await handOver.getByRole('button', { name: 'Hand over' }).click();
    await expect(evePane.getByRole('region', { name: 'History' })).toContainText('handed it over to IT as “Hardware”');
    await synced(async () => {
      await samPage.getByRole('button', { name: /^Outgoing/ }).click();
      await samPage.getByRole('row', { name: /Drawing for order 4711/ }).click();
      await expect(samPane.getByText(/handed over by Engineering/)).toBeVisible({ timeout: 1_000 });
    });
  } finally {
    await Promise.all([sam, eve].map((p) => p!.stop()));
    rmSync(root, { recursive: true, force: true });
  }
});

test('Departments and one catalog: a service page anyone reads, and New request found from a word', async ({ preview, page }) => {
  await page.setViewportSize({ width: 1366, height: 820 });
  await setUpAs(page, preview.url, 'Sam Seller', 'Sales');
  await page.getByRole('button', { name: 'Departments', exact: true }).click();
  await page.getByRole('navigation', { name: 'Departments' }).getByRole('button', { name: 'Engineering' }).click();
  await expect(page.getByRole('article', { name: 'Engineering' })).toContainText('What we need from you');
  await page.screenshot({ path: screenshotPath('departments-service-page'), fullPage: true });
  await expectAccessible(page, 'Departments');

  await page.getByRole('button', { name: 'New request' }).click();
  const dialog = page.getByRole('dialog', { name: 'New request' });
  await dialog.getByRole('searchbox', { name: 'What do you need?' }).fill('laptop');
  await dialog.getByRole('button', { name: 'IT › Hardware' }).click();
  await expect(dialog.getByRole('region', { name: 'What IT needs from you' })).toContainText('cost centre');
  await page.screenshot({ path: screenshotPath('new-request-catalog-search') });
  await expectAccessible(page, 'New request');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Department settings' }).click();
  const editor = page.getByRole('group', { name: 'Service page' });
  await editor.getByLabel('Our service in a sentence').fill('Every customer hears from us the same day.');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('status')).toContainText('Saved');
  await editor.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('settings-service-page') });
  await expectAccessible(page, 'Service page settings');
});
