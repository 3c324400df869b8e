// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { setUp } from './screenHarness.js';

describe('the Departments screen', () => {
  it('shows a department’s service page, its needs from the reader’s department first, and asks it for a type in one click', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'Departments' }));
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Departments' })).getByRole('button', { name: 'Engineering' }));
    const page = await screen.findByRole('article', { name: 'Engineering' });
    expect(within(page).getByText('No customer waits on a question only Engineering can answer.')).toBeTruthy();
    expect(within(page).getByText('Mon–Fri 08:00–12:00, 13:00–17:00')).toBeTruthy();
    const needs = within(within(page).getByRole('region', { name: 'What we need from you' })).getAllByRole('listitem');
    expect(needs[0]!.textContent).toBe('From Sales Quotes two working days ahead, with the customer and the estimated value.');
    expect(within(page).getByRole('row', { name: /P1 · Critical/ }).textContent).toBe('P1 · Critical30 min4 h');

    fireEvent.click(within(page).getByRole('button', { name: 'Ask for Order clarification — customer waiting' }));
    const dialog = screen.getByRole('dialog', { name: 'New request' });
    expect((within(dialog).getByLabelText('To department') as HTMLSelectElement).value).toBe('Engineering');
    expect((within(dialog).getByLabelText('Request type') as HTMLSelectElement).value).toBe('order-clarification');
    expect(within(dialog).getByText('What the order is worth: it says what a late answer costs.')).toBeTruthy();
  });
});
