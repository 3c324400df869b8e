// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../../helpers/requestInputs.js';
import { s, setUp } from './screenHarness.js';

describe('the Reviews screen', () => {
  it('shows each department pair of the period in a matrix, and a cell’s requests when it is opened', async () => {
    await setUp();
    await s.must('createRequest', laptopRequest('Engineering'));
    await s.must('createRequest', { ...laptopRequest('IT'), title: 'Monitor for Dana' });
    fireEvent.click(screen.getByRole('button', { name: 'Reviews' }));
    const matrix = await screen.findByRole('table', { name: /2 requests/ });
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Asked by ↓ / of →', 'Engineering', 'IT']);
    const cell = within(matrix).getByRole('button', { name: /^Sales asked Engineering: 1 requests/ });
    fireEvent.click(cell);
    const list = await screen.findByRole('region', { name: 'Sales → Engineering' });
    expect(await within(list).findByRole('button', { name: /Laptop for Dana/ })).toBeTruthy();
    expect(within(list).queryByText(/Monitor for Dana/)).toBeNull();
    expect(cell.getAttribute('aria-pressed')).toBe('true');

    // Narrowed to a type nobody asked for, the period has nothing to say; back to all, both pairs.
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'hardware' } });
    expect(await screen.findByText('No requests were made in this period of this type.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: '' } });
    expect(await screen.findByRole('table', { name: /2 requests/ })).toBeTruthy();
  });

  it('says so when the period has no requests', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'Reviews' }));
    expect(await screen.findByText('No requests were made in this period.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
