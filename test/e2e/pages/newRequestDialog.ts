import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { addDays, format } from 'date-fns';

export interface NewRequest {
  to: string;
  /** The request type as the catalog names it. */
  type: string;
  title: string;
  details?: string;
  priority?: string;
  /** Needed by, in days from today. */
  neededInDays: number;
  /** The type's own form fields, by label: text to type, or { option } to choose. */
  answers?: Record<string, string | { option: string }>;
}

/** The New request dialog, as a person fills it in (by role and label). */
export class NewRequestDialog {
  readonly dialog: Locator;

  private constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New request' });
  }

  static async open(page: Page): Promise<NewRequestDialog> {
    await page.getByRole('button', { name: 'New request', exact: true }).click();
    const opened = new NewRequestDialog(page);
    await expect(opened.dialog).toBeVisible();
    return opened;
  }

  async fill(request: NewRequest): Promise<void> {
    const { dialog } = this;
    await dialog.getByLabel('To department').selectOption(request.to);
    await dialog.getByLabel('Request type').selectOption({ label: request.type });
    await dialog.getByLabel('Title').fill(request.title);
    // A text field's name is its label; a choice's name also holds its options, so it is matched by its start.
    for (const [label, answer] of Object.entries(request.answers ?? {})) {
      if (typeof answer === 'string') await dialog.getByLabel(label, { exact: true }).fill(answer);
      else await dialog.getByLabel(label).selectOption(answer.option);
    }
    if (request.details) await dialog.getByLabel('Details').fill(request.details);
    if (request.priority) await dialog.getByLabel('Priority').selectOption(request.priority);
    await dialog.getByLabel('Needed by').fill(format(addDays(new Date(), request.neededInDays), 'yyyy-MM-dd'));
  }

  /** Sends it (at short notice too, where the dialog offers that) and waits until the dialog has closed. */
  async send(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^Send/ }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** Opens the dialog, fills it in and sends it. */
export async function sendRequest(page: Page, request: NewRequest): Promise<void> {
  const dialog = await NewRequestDialog.open(page);
  await dialog.fill(request);
  await dialog.send();
}
