// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { inDaysDate, s, setUp, startRequest } from './screenHarness.js';

describe('the new-request dialog', () => {
  it('builds the form from the catalog, sends it, then shows it in Outgoing and opens it', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    expect(within(screen.getByLabelText('To department')).queryByRole('option', { name: 'Sales' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = startRequest('IT', 'Access to a system', 'VPN for the new rep', inDaysDate(30));
    fireEvent.change(within(dialog).getByLabelText('System'), { target: { value: 'VPN' } });
    fireEvent.change(within(dialog).getByLabelText('Access level'), { target: { value: 'Write' } });
    expect(within(dialog).queryByRole('status')).toBeNull(); // enough notice: no warning
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send request' }));

    const table = await screen.findByRole('table', { name: 'Outgoing requests' });
    const row = within(table).getByRole('row', { name: /VPN for the new rep/ });
    expect(row.textContent).toContain('IT');
    expect(row.textContent).not.toContain('Short notice');
    expect(screen.queryByRole('dialog')).toBeNull();
    const pane = screen.getByRole('complementary', { name: 'VPN for the new rep' });
    expect(within(pane).getByText('Access level').nextSibling?.textContent).toBe('Write');
  });

  it('finds the department and type from a word, and shows what that department needs from yours and the help of its questions', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    const dialog = screen.getByRole('dialog', { name: 'New request' });
    fireEvent.change(within(dialog).getByRole('searchbox', { name: 'What do you need?' }), { target: { value: 'laptop' } });
    fireEvent.click(within(within(dialog).getByRole('list', { name: 'Request types that match' })).getByRole('button', { name: 'IT › Hardware' }));
    expect((within(dialog).getByLabelText('To department') as HTMLSelectElement).value).toBe('IT');
    expect((within(dialog).getByLabelText('Request type') as HTMLSelectElement).value).toBe('hardware');
    expect(within(dialog).getByRole('region', { name: 'What IT needs from you' }).textContent).toContain('The cost centre for anything that is bought.');
    // A question's help describes it without renaming it.
    fireEvent.change(within(dialog).getByLabelText('To department'), { target: { value: 'IT' } });
    fireEvent.change(within(dialog).getByLabelText('Request type'), { target: { value: 'access' } });
    expect(within(dialog).getByText('Ask for the lowest level the work needs; admin needs a reason.').id).toBe(
      within(dialog).getByLabelText('Access level').getAttribute('aria-describedby'),
    );
  });

  it('names each required answer that is missing, next to its field, and sends nothing', async () => {
    await setUp();
    const dialog = startRequest('IT', 'Access to a system', 'VPN', inDaysDate(30));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(within(dialog).getByLabelText(/^System/)).toHaveProperty('ariaInvalid', 'true');
    expect(within(dialog).getByText('System is required.')).toBeTruthy();
    expect(within(dialog).getByText('Access level is required.')).toBeTruthy();
    // The summary under the form points up, to where the fields are.
    expect(within(dialog).getByRole('alert').textContent).toBe('Some answers need a look: System, Access level (marked above).');
    expect(s.store.opCount).toBe(5); // only the configuration seed (with HR's and Payroll's confidential types), its creator's lead role and seal key
  });

  it('warns about short notice with the earliest standard date, lets it through, and marks the request', async () => {
    await setUp();
    const dialog = startRequest('IT', 'Hardware', 'Monitor for tomorrow', inDaysDate(1));
    fireEvent.change(within(dialog).getByLabelText('Item'), { target: { value: 'Monitor' } });
    fireEvent.change(within(dialog).getByLabelText('Quantity'), { target: { value: '1' } });
    expect(within(dialog).getByRole('status').textContent).toMatch(/Short notice.*IT asks for 3 d of notice for “Hardware”; the earliest standard date is/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send at short notice' }));
    const table = await screen.findByRole('table', { name: 'Outgoing requests' });
    expect(within(table).getByRole('row', { name: /Monitor for tomorrow/ }).textContent).toContain('Short notice');
  });

  it('keeps what was typed and explains a date in the past', async () => {
    await setUp();
    const dialog = startRequest('IT', 'Something is broken', 'Too late', '2020-01-01');
    fireEvent.change(within(dialog).getByLabelText('What is broken'), { target: { value: 'Printer' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/already passed/);
    expect(within(dialog).getByLabelText('Title')).toHaveProperty('value', 'Too late');
  });

  it('closes with Escape and with Cancel', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
