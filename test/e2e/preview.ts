import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test as base } from '@playwright/test';
import type { Preview } from '../helpers/preview.js';
import { startPreview } from '../helpers/preview.js';
import type { ApiCaller } from '../helpers/admit.js';

export { startPreview };

/** `preview`: one fresh Interdesk (data folder and server) per test, removed afterwards. */
export const test = base.extend<{ preview: Preview }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none
  preview: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'interdesk-e2e-'));
    const preview = await startPreview(dir);
    await use(preview);
    await preview.stop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

export const screenshotPath = (name: string) => join('test-results', 'screenshots', `${name}.png`);

/** First-run setup as a person would do it; `share` replaces the offered shared folder. */
export async function setUpAs(page: Page, url: string, name: string, department: string, share?: string) {
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your department').selectOption(department);
  if (share) await page.getByLabel('Shared folder').fill(share);
  await page.getByRole('button', { name: 'Start using Interdesk' }).click();
  await expect(page.getByRole('heading', { name: /Incoming/ })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Synced');
}

/**
 * Through Department settings, the person's department works around the clock: business time is
 * then plain time, so a test does not depend on the hour or the weekday it runs at.
 */
export async function workAroundTheClock(page: Page) {
  await page.getByRole('button', { name: 'Department settings' }).click();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByLabel(`${day} working hours`).fill('00:00-24:00');
  }
  const calendar = page.getByRole('group', { name: 'Business calendar' });
  await calendar.getByRole('button', { name: 'Save' }).click();
  await expect(calendar.getByRole('status')).toContainText('Calendar saved');
}

/**
 * Calls the preview's contract directly, as another part of the company would have: to put work
 * in a queue before the person under test starts. Answers the value or throws the service's message.
 */
export async function callApi<T = unknown>(url: string, method: string, input: object): Promise<T> {
  const token = new URL(url).hash.replace('#token=', '');
  const res = await fetch(new URL(`api/${method}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const r = (await res.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

/** Serious and critical problems only: what blocks a keyboard or screen-reader user. */
export async function expectAccessible(page: Page, screenName: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screenName}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

/** A preview's API as an `ApiCaller` (test/helpers/admit.ts). */
export const viaHttp = (url: string): ApiCaller => ({ must: (method, input) => callApi(url, method, input) });

/** The share's admin (the one machine of a test) joins another department on the People screen, and goes back to Incoming. */
export async function joinAsAdmin(page: Page, department: string) {
  await page.getByRole('button', { name: /^People/ }).click();
  await page.getByLabel('Department to join').selectOption(department);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('table', { name: 'People' }).getByRole('row', { name: /\(you\)/ })).toContainText(department);
  await page.getByRole('button', { name: /^Incoming/ }).click();
}

/**
 * The share's admin (on `admin`) approves `name`'s request to join `department` on the People
 * screen, once it has arrived (and with `lead`, makes them its lead); `newcomer` then sees itself
 * verified (and its lead). Both go back to Incoming.
 */
export async function approveOnPeople(admin: Page, newcomer: Page, name: string, department: string, { lead = false } = {}) {
  await admin.getByRole('button', { name: /^People/ }).click();
  const approve = admin.getByRole('button', { name: `Approve ${name} for ${department}` });
  await expect(approve).toBeVisible({ timeout: 15_000 });
  await approve.click();
  await expect(approve).toBeHidden();
  if (lead) {
    const makeLead = admin.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: `Make lead of ${department}` });
    await makeLead.click();
    await expect(makeLead).toBeHidden();
  }
  await expect(newcomer.getByRole('button', { name: 'Unverified: waiting for a lead' })).toBeHidden({ timeout: 15_000 });
  if (lead) {
    // Leading is a change of its own: it can reach the newcomer a sync after the approval.
    await newcomer.getByRole('button', { name: /^People/ }).click();
    await expect(newcomer.getByRole('table', { name: 'People' }).getByRole('row', { name: /\(you\)/ })).toContainText(`${department} (lead)`, {
      timeout: 15_000,
    });
    await newcomer.getByRole('button', { name: /^Incoming/ }).click();
  }
  await admin.getByRole('button', { name: /^Incoming/ }).click();
}

/** A screenshot of what is on screen and an accessibility check, in the light theme and the dark. */
export async function inBothThemes(page: Page, shot: string, screenName: string) {
  await page.screenshot({ path: screenshotPath(shot) });
  await expectAccessible(page, screenName);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath(`${shot}-dark`) });
  await expectAccessible(page, `${screenName}, dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}
