import { expect, expectAccessible, joinAsAdmin, screenshotPath, setUpAs, test } from './preview.js';

test('a lead writes down "New colleague", launches it for Dana, and the chain’s page shows who holds it', async ({ page, preview }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await setUpAs(page, preview.url, 'Hana Hirer', 'HR');
  await page.getByRole('button', { name: 'Department settings' }).click();
  const editor = page.getByRole('group', { name: 'Templates' });
  await editor.getByRole('button', { name: 'New template' }).click();
  await editor.getByLabel('Name', { exact: true }).fill('New colleague');
  await editor.getByLabel('What it is for').fill('Everything a new colleague needs on the first day.');

  const laptop = editor.getByRole('group', { name: 'Step 1' });
  await laptop.getByLabel('Department').selectOption('IT');
  await laptop.getByLabel('Request type').selectOption('hardware');
  await laptop.getByLabel('Title').fill('Laptop for {name}');
  await laptop.getByLabel('Due').fill('5');
  await laptop.getByLabel('Item').fill('Laptop');
  await laptop.getByLabel('Quantity').fill('1');

  await editor.getByRole('button', { name: 'Add a step' }).click();
  const desk = editor.getByRole('group', { name: 'Step 2' });
  await desk.getByLabel('Department').selectOption('Facilities');
  await desk.getByLabel('Title').fill('Desk for {name}');
  await desk.getByLabel('Due').fill('2');
  await desk.getByRole('checkbox', { name: 'Laptop for {name}' }).check();
  await desk.getByLabel('Room or location').fill('Second floor, by the window');

  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('status')).toContainText('Saved');
  await editor.getByRole('group', { name: 'Steps' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('settings-templates') });
  await expectAccessible(page, 'Department settings, templates');

  // Launch it: the questions once, every step with its date before anything is sent.
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByRole('dialog', { name: 'New request' }).getByRole('button', { name: 'New colleague' }).click();
  const launch = page.getByRole('dialog', { name: 'New colleague' });
  await launch.getByLabel('Name').fill('Dana');
  const start = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await launch.getByLabel('Start date').fill(start);
  const plan = launch.getByRole('table', { name: /What is sent/ });
  await expect(plan.getByRole('row', { name: /Laptop for Dana IT/ })).toBeVisible();
  await expect(plan.getByRole('row', { name: /Desk for Dana Facilities .* Laptop for Dana/ })).toBeVisible();
  // Each step's date, as the plan counted it in its department's days (once the plan for the start date has come).
  const planned = async (row: RegExp) => {
    const cell = plan.getByRole('row', { name: row }).getByRole('cell').nth(1);
    const date = /\w{3} \d+ \w{3} \d{4}, \d\d:\d\d/;
    await expect(cell).toHaveText(date);
    return date.exec((await cell.textContent())!)![0];
  };
  const laptopBy = await planned(/Laptop for Dana IT/);
  const deskBy = await planned(/Desk for Dana Facilities/);
  await page.screenshot({ path: screenshotPath('launch-template') });
  await expectAccessible(page, 'Launching a template');
  await launch.getByRole('button', { name: 'Send 2 requests' }).click();

  // The chain's page: its steps, the desk waiting for the laptop, IT holding it.
  const pane = page.getByRole('complementary', { name: 'New colleague: Dana' });
  await expect(pane.getByRole('region', { name: 'Steps' })).toContainText('Held by IT now.');
  await expect(pane.getByRole('row', { name: /Desk for Dana · waiting for Laptop for Dana/ })).toBeVisible();
  // Its answers under the template's questions.
  await expect(pane.getByRole('definition').filter({ hasText: 'Dana' }).first()).toBeVisible();
  await expect(pane.getByRole('term').filter({ hasText: /^Start date$/ })).toBeVisible();
  await expect(pane.getByRole('table', { name: 'Who held it', includeHidden: true })).toHaveCount(1);
  await pane.getByRole('figure', { name: /Who held it/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('chain-page') });
  await expectAccessible(page, 'A chain’s page');

  // IT and Facilities find their steps in their queues, needed by the dates the plan showed.
  for (const [department, title, neededBy] of [
    ['IT', 'Laptop for Dana', laptopBy],
    ['Facilities', 'Desk for Dana', deskBy],
  ] as const) {
    await joinAsAdmin(page, department);
    await page.getByRole('navigation').getByLabel('Department').selectOption(department);
    await expect(page.getByRole('heading', { name: `Incoming · ${department}` })).toBeVisible();
    await page.getByRole('row', { name: new RegExp(title) }).click();
    const step = page.getByRole('complementary', { name: title });
    const neededByFact = step
      .getByRole('term')
      .filter({ hasText: /^Needed by$/ })
      .locator('xpath=following-sibling::dd[1]');
    await expect(neededByFact).toContainText(neededBy);
  }
});
