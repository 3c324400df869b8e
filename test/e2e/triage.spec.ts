import { addHours } from 'date-fns';
import type { Page } from '@playwright/test';
import { callApi, expect, expectAccessible, screenshotPath, setUpAs, test } from './preview.js';

interface Made {
  id: string;
  key: string;
}

/** Sales asks Engineering for three things; the person under test then works in Engineering. */
async function engineeringWithWork(page: Page, url: string): Promise<Made[]> {
  await setUpAs(page, url, 'Eve Engineer', 'Sales');
  const made: Made[] = [];
  // Needed sooner than any P3 resolution target, so the queue's order is this one on any weekday.
  for (const [title, hours] of [
    ['Printer on floor 3 is jammed', 24],
    ['VPN drops every hour', 36],
    ['New hire needs a laptop', 48],
  ] as const) {
    made.push(
      await callApi<Made>(url, 'createRequest', {
        toDepartment: 'Engineering',
        typeId: 'general',
        title,
        details: `About: ${title}`,
        priority: 'P3',
        neededBy: addHours(new Date(), hours).toISOString(),
      }),
    );
  }
  // The share's creator is its admin: it joins Engineering at once, to work its queue.
  await callApi(url, 'askToJoin', { departments: ['Engineering'] });
  await callApi(url, 'updateProfile', { department: 'Engineering' });
  await expect(page.getByRole('heading', { name: 'Incoming · Engineering' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Incoming requests' }).getByRole('row')).toHaveCount(4);
  return made;
}

test('a user triages a queue with the keyboard only', async ({ page, preview }) => {
  await engineeringWithWork(page, preview.url);
  const table = page.getByRole('table', { name: 'Incoming requests' });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
  // Focus is on the page, not in a field: shortcuts apply.
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.press('j');
  await expect(row('Printer on floor 3')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary');
  await expect(pane.getByRole('heading', { name: 'Printer on floor 3 is jammed' })).toBeVisible();
  await page.keyboard.press('a');
  await expect(row('Printer on floor 3')).toContainText('Acknowledged');

  // With the pane open, moving on opens the next request.
  await page.keyboard.press('j');
  await expect(pane.getByRole('heading', { name: 'VPN drops every hour' })).toBeVisible();
  await page.keyboard.press('a');
  await expect(row('VPN drops')).toContainText('Acknowledged');
  await page.keyboard.press('ArrowDown');
  await expect(pane.getByRole('heading', { name: 'New hire needs a laptop' })).toBeVisible();
  await page.keyboard.press('k');
  await expect(pane.getByRole('heading', { name: 'VPN drops every hour' })).toBeVisible();
  // Reply without the mouse: r puts the cursor in the reply box, Ctrl+Enter sends.
  await page.keyboard.press('r');
  await expect(pane.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await page.keyboard.type('Router firmware is being updated tonight.');
  await page.keyboard.press('Control+Enter');
  await expect(pane.getByRole('list', { name: 'Replies' })).toContainText('Router firmware is being updated tonight.');
  await expect(pane.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();

  // x ticks the keyboard's row for a bulk action.
  await page.keyboard.press('j');
  await expect(row('New hire')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('1 selected');

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search this queue' })).toBeFocused();
  await page.keyboard.type('vpn');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('button', { name: /^Incoming/ })).toContainText('3');
});

test('search finds a request by a word in a comment', async ({ page, preview }) => {
  const [printer, vpn] = await engineeringWithWork(page, preview.url);
  await callApi(preview.url, 'addComment', { id: vpn!.id, body: 'Looks like the flamingo router firmware again.' });
  await callApi(preview.url, 'addComment', { id: printer!.id, body: 'Toner ordered; quarantine the tray.', internal: true });
  const table = page.getByRole('table', { name: 'Incoming requests' });
  const search = page.getByRole('searchbox', { name: 'Search this queue' });
  await search.fill('flamingo');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /VPN drops every hour/ })).toBeVisible();
  // Words of an internal note are found by the department that wrote it.
  await search.fill('quarantine');
  await expect(table.getByRole('row', { name: /Printer on floor 3/ })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await search.fill('flamingo toner');
  await expect(page.getByText('No request here matches “flamingo toner”.')).toBeVisible();
});

test('each view, grouped and selected, and the request page pass axe-core in light and dark', async ({ page, preview }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const [printer, vpn, laptop] = await engineeringWithWork(page, preview.url);
  await callApi(preview.url, 'assignRequest', { id: vpn!.id, assignee: 'Eve Engineer' });
  await callApi(preview.url, 'watchRequest', { id: laptop!.id, watching: true });
  await callApi(preview.url, 'addComment', { id: printer!.id, body: 'Vendor ticket 4471 opened.', internal: true });
  await callApi(preview.url, 'addComment', { id: printer!.id, body: 'A technician comes tomorrow morning.' });
  await callApi(preview.url, 'linkRequest', { id: printer!.id, kind: 'duplicate', other: laptop!.key, linked: true });
  await callApi(preview.url, 'addAttachment', {
    id: printer!.id,
    name: 'jam-photo.txt',
    mime: 'text/plain',
    data: Buffer.from('paper path').toString('base64'),
  });
  const nav = page.getByRole('navigation', { name: 'Queues' });
  await expect(nav.getByRole('button', { name: /^Watching/ })).toContainText('1');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, name] of [
      ['Incoming', 'incoming'],
      ['Outgoing', 'outgoing'],
      ['Assigned to me', 'assigned'],
      ['Watching', 'watching'],
      ['All departments', 'all'],
    ] as const) {
      await nav.getByRole('button', { name: new RegExp(`^${label}`) }).click();
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(label) })).toBeVisible();
      await expectAccessible(page, `${name} (${scheme})`);
      await page.screenshot({ path: screenshotPath(`view-${name}-${scheme}`) });
    }
    await nav.getByRole('button', { name: /^Incoming/ }).click();
    const filters = page.getByRole('group', { name: 'Filters' });
    await filters.getByLabel('Group by').selectOption('assignee');
    const table = page.getByRole('table', { name: 'Incoming requests' });
    await expect(table.getByRole('rowheader', { name: /Unassigned/ })).toBeVisible();
    await table.getByRole('checkbox', { name: 'Select all shown' }).check();
    await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('3 selected');
    await expectAccessible(page, `grouped with a selection (${scheme})`);
    await page.screenshot({ path: screenshotPath(`view-grouped-selected-${scheme}`) });
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Clear selection' }).click();
    await filters.getByLabel('Group by').selectOption('none');

    await table.getByRole('row', { name: /Printer on floor 3/ }).click();
    const pane = page.getByRole('complementary', { name: 'Printer on floor 3 is jammed' });
    await expect(pane.getByRole('list', { name: 'Internal notes' })).toContainText('Vendor ticket 4471');
    await expect(pane.getByRole('list', { name: 'Replies' })).not.toContainText('Vendor ticket');
    await expect(pane.getByRole('button', { name: 'jam-photo.txt' })).toBeVisible();
    if (scheme === 'light') {
      // A file picked in the page travels to main and back as an attachment; opening it downloads it.
      await pane.getByLabel('Attach a file').setInputFiles({ name: 'toner-order.csv', mimeType: 'text/csv', buffer: Buffer.from('item,qty\ntoner,2\n') });
      await expect(pane.getByRole('button', { name: 'toner-order.csv' })).toBeVisible();
      const download = page.waitForEvent('download');
      await pane.getByRole('button', { name: 'toner-order.csv' }).click();
      expect((await download).suggestedFilename()).toBe('toner-order.csv');
    }
    await expect(pane.getByRole('list', { name: 'Linked requests' })).toContainText(`Duplicate of ${laptop!.key} New hire needs a laptop`);
    await expectAccessible(page, `request page (${scheme})`);
    await page.screenshot({ path: screenshotPath(`request-page-${scheme}`) });
    await pane.getByRole('list', { name: 'Internal notes' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`request-conversation-${scheme}`) });
    await pane.getByRole('button', { name: 'Close request' }).click();
  }
});

test('the keyboard’s row stays in sight, clear of the bars held over a long queue', async ({ page, preview }) => {
  await setUpAs(page, preview.url, 'Eve Engineer', 'Sales');
  for (let i = 1; i <= 40; i++) {
    const title = `Badge reader ${String(i).padStart(2, '0')} offline`;
    await callApi(preview.url, 'createRequest', {
      toDepartment: 'Engineering',
      typeId: 'general',
      title,
      details: title,
      priority: 'P3',
      neededBy: addHours(new Date(), 24 + i).toISOString(),
    });
  }
  await callApi(preview.url, 'askToJoin', { departments: ['Engineering'] });
  await callApi(preview.url, 'updateProfile', { department: 'Engineering' });
  // Short and narrow: the filter bar wraps, and the bulk bar below it adds its own height.
  await page.setViewportSize({ width: 1100, height: 560 });
  const table = page.getByRole('table', { name: 'Incoming requests' });
  await expect(table.getByRole('row', { name: /Badge reader 01/ })).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  const bulkBar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bulkBar).toContainText('1 selected');

  const current = table.locator('tr[aria-current="true"]');
  const inSight = async (n: number) => {
    await expect(current).toContainText(`Badge reader ${String(n).padStart(2, '0')}`);
    const row = (await current.boundingBox())!;
    const bars = (await bulkBar.boundingBox())!;
    expect(row.y).toBeGreaterThanOrEqual(bars.y + bars.height - 1);
    expect(row.y + row.height).toBeLessThanOrEqual(560 + 1);
  };
  for (let n = 2; n <= 30; n++) await page.keyboard.press('j');
  await inSight(30);
  for (let n = 29; n >= 3; n--) await page.keyboard.press('k');
  await inSight(3);
  await page.screenshot({ path: screenshotPath('queue-scrolled-with-bulk-bar') });
});

test('a half-written reply is still there after the window is reloaded', async ({ page, preview }) => {
  await engineeringWithWork(page, preview.url);
  const table = page.getByRole('table', { name: 'Incoming requests' });
  await table.getByRole('row', { name: /VPN drops/ }).click();
  const pane = page.getByRole('complementary');
  await pane.getByRole('textbox', { name: 'Reply' }).fill('Checking the router logs first');
  await page.reload();
  await table.getByRole('row', { name: /VPN drops/ }).click();
  await expect(pane.getByRole('textbox', { name: 'Reply' })).toHaveValue('Checking the router logs first');
  await table.getByRole('row', { name: /Printer on floor 3/ }).click();
  await expect(pane.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
});
