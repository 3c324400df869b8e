// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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

  it('shows the trends as charts with their numbers as tables, and one department’s review', async () => {
    await setUp();
    await s.must('createRequest', laptopRequest('Engineering'));
    await s.must('createRequest', { ...laptopRequest('IT'), title: 'Monitor for Dana' });
    fireEvent.click(screen.getByRole('button', { name: 'Reviews' }));
    await screen.findByRole('table', { name: /2 requests/ });
    fireEvent.click(screen.getByRole('button', { name: 'Trends' }));
    const backlog = await screen.findByRole('table', { name: 'Open now, by age' });
    expect(within(backlog).getByRole('row', { name: 'Under a day 2 0' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: /Met within target/ })).toBeTruthy();
    // Narrowed to one providing department, the figures are its alone.
    fireEvent.change(screen.getByLabelText('Provided by'), { target: { value: 'IT' } });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Open now, by age' })).getByRole('row', { name: 'Under a day 1 0' })).toBeTruthy());

    // One department's review: the department chosen for the trends, until another is chosen.
    fireEvent.click(screen.getByRole('button', { name: 'One department' }));
    const askedOfIt = await screen.findByRole('region', { name: 'Asked of IT' });
    expect(within(within(askedOfIt).getByRole('table', { name: 'By request type' })).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Review of'), { target: { value: 'Sales' } });
    const asked = await screen.findByRole('region', { name: 'Asked by Sales of others' });
    expect(within(asked).getByRole('row', { name: /^Engineering 1/ })).toBeTruthy();
    expect(within(asked).getByRole('row', { name: /^IT 1/ })).toBeTruthy();
    expect(screen.getByText(/Nobody has answered “Would you choose Sales again\?”/)).toBeTruthy();
  });

  it('takes a custom period, and says so when it ends before it starts', async () => {
    await setUp();
    await s.must('createRequest', laptopRequest('Engineering'));
    fireEvent.click(screen.getByRole('button', { name: 'Reviews' }));
    await screen.findByRole('table', { name: /1 requests/ });
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2020-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2020-01-31' } });
    expect(await screen.findByText('No requests were made in this period.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2020-02-01' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/ends before it starts/);
  });

  it('prints the review', async () => {
    await setUp();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Reviews' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });
});
