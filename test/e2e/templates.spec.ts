import { expect, expectAccessible, screenshotPath, setUpAs, test } from './preview.js';

test('a lead writes down "New colleague": a laptop from IT a week ahead, a desk from Facilities after it, in their own working days', async ({
  page,
  preview,
}) => {
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

  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('status')).toContainText('Saved');
  await editor.getByRole('group', { name: 'Steps' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('settings-templates') });
  await expectAccessible(page, 'Department settings, templates');
});
