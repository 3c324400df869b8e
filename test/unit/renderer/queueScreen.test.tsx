// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../../shared/model/request.js';
import { laptopRequest } from '../../helpers/requestInputs.js';

import { s, setUp, store, switchDepartment } from './screenHarness.js';

describe('the queue at scale', () => {
  it('keeps only the visible rows in the DOM when 10,000 requests are listed', async () => {
    await setUp();
    const template = (await s.must('createRequest', laptopRequest())) as RequestSummary;
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      ...template,
      id: `${template.id.slice(0, -6)}${String(i).padStart(6, '0')}`,
      title: `Request ${i}`,
    }));
    act(() =>
      store.setState({
        view: 'outgoing',
        list: {
          items,
          total: items.length,
          counts: { incoming: 0, escalated: 0, outgoing: 10_000, waiting: 0, assigned: 0, watching: 0, all: 10_000 },
          members: [],
        },
        listState: 'ready',
      }),
    );
    const table = await screen.findByRole('table', { name: 'Outgoing requests' });
    const rendered = within(table).getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    expect(within(table).getByRole('row', { name: /Request 0\b/ })).toBeTruthy();
  });
});

describe('queue filters', () => {
  it('narrow by priority, status and short notice, re-order, and clear', async () => {
    await setUp();
    await s.must('createRequest', { ...laptopRequest('Engineering'), title: 'Normal one', priority: 'P3' });
    await s.must('createRequest', {
      ...laptopRequest('Engineering'),
      title: 'Critical one',
      priority: 'P1',
      neededBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    });
    await switchDepartment('Engineering');
    fireEvent.click(await screen.findByRole('button', { name: /^Incoming/ }));
    await screen.findByRole('table', { name: 'Incoming requests' });
    // Looked up each time: with nothing to show the table goes, and a new one comes back.
    const titles = () =>
      within(screen.getByRole('table', { name: 'Incoming requests' }))
        .queryAllByRole('row')
        .slice(1)
        .map((r) => within(r).getByRole('button').textContent);
    expect(titles()).toEqual(['Critical one', 'Normal one']); // main's order: soonest due first (P1's OLA target)
    const filters = screen.getByRole('group', { name: 'Filters' });
    fireEvent.change(within(filters).getByLabelText('Sort by'), { target: { value: 'age' } });
    expect(titles()).toEqual(['Normal one', 'Critical one']);
    fireEvent.change(within(filters).getByLabelText('Priority'), { target: { value: 'P3' } });
    expect(titles()).toEqual(['Normal one']);
    fireEvent.change(within(filters).getByLabelText('Status'), { target: { value: 'acknowledged' } });
    expect(screen.getByText('No request here matches these filters.')).toBeTruthy();
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.click(within(filters).getByLabelText('Short notice only'));
    expect(screen.getByText('No request here matches these filters.')).toBeTruthy();
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    expect(titles()).toEqual(['Critical one', 'Normal one']);
  });
});

describe('more filters, grouping and search beyond the row', () => {
  async function mixedIncoming() {
    await setUp();
    const fromSales = await s.must('createRequest', { ...laptopRequest('Engineering'), title: 'From Sales' });
    await s.must('updateProfile', { department: 'IT' });
    await s.must('createRequest', { ...laptopRequest('Engineering'), title: 'From IT' });
    await switchDepartment('Engineering');
    fireEvent.click(await screen.findByRole('button', { name: /^Incoming/ }));
    await screen.findByRole('row', { name: /From IT/ });
    return { fromSales };
  }
  const titles = () =>
    within(screen.getByRole('table'))
      .queryAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);

  it('narrow by requesting department and assignee', async () => {
    const { fromSales } = await mixedIncoming();
    await act(async () => void (await s.must('assignRequest', { id: fromSales.id, assignee: 'Ada' })));
    await screen.findByText(/· Ada/);
    const filters = screen.getByRole('group', { name: 'Filters' });
    fireEvent.change(within(filters).getByLabelText('Requesting department'), { target: { value: 'IT' } });
    expect(titles()).toEqual([expect.stringContaining('From IT')]);
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(within(filters).getByLabelText('Assignee'), { target: { value: 'Ada' } });
    expect(titles()).toEqual([expect.stringContaining('From Sales')]);
    fireEvent.change(within(filters).getByLabelText('Assignee'), { target: { value: '-' } });
    expect(titles()).toEqual([expect.stringContaining('From IT')]);
  });

  it('groups rows under a heading per status, with counts', async () => {
    const { fromSales } = await mixedIncoming();
    await act(async () => void (await s.must('changeStatus', { id: fromSales.id, status: 'acknowledged' })));
    await screen.findByText('Acknowledged', { selector: '.badge' });
    fireEvent.change(within(screen.getByRole('group', { name: 'Filters' })).getByLabelText('Group by'), { target: { value: 'status' } });
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['New · 1', 'Acknowledged · 1']);
    expect(titles()).toEqual(['New · 1', expect.stringContaining('From IT'), 'Acknowledged · 1', expect.stringContaining('From Sales')]);
  });

  it('finds a request by a word in its comments, answered by main after a pause in typing', async () => {
    const { fromSales } = await mixedIncoming();
    await s.must('addComment', { id: fromSales.id, body: 'The armrest is cracked' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search this queue' }), { target: { value: 'armrest' } });
    expect(await screen.findByRole('row', { name: /From Sales/ })).toBeTruthy();
    expect(titles()).toEqual([expect.stringContaining('From Sales')]);
  });

  it('offers the provider filter where it narrows: All departments, not Incoming', async () => {
    await mixedIncoming();
    expect(within(screen.getByRole('group', { name: 'Filters' })).queryByLabelText('Providing department')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^All departments/ }));
    await screen.findByRole('table', { name: 'All departments requests' });
    fireEvent.change(within(screen.getByRole('group', { name: 'Filters' })).getByLabelText('Providing department'), { target: { value: 'IT' } });
    expect(screen.getByText('No request here matches these filters.')).toBeTruthy();
  });
});

describe('bulk actions', () => {
  it('acknowledge the ticked rows, say which were left alone, and assign all shown to me', async () => {
    await setUp();
    const made: RequestSummary[] = [];
    for (const title of ['One', 'Two', 'Three']) made.push(await s.must('createRequest', { ...laptopRequest('Engineering'), title }));
    await switchDepartment('Engineering');
    fireEvent.click(await screen.findByRole('button', { name: /^Incoming/ }));
    await screen.findByRole('row', { name: /Three/ });
    await act(async () => void (await s.must('changeStatus', { id: made[0]!.id, status: 'acknowledged' })));
    await screen.findByText('Acknowledged', { selector: '.badge' });

    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: `Select ${made[0]!.key}` }));
    fireEvent.click(screen.getByRole('checkbox', { name: `Select ${made[1]!.key}` }));
    const bar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(bar.textContent).toContain('2 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Acknowledge' }));
    const outcome = await screen.findByText(/^Acknowledged 1 request\./);
    expect(outcome.textContent).toBe(`Acknowledged 1 request. 1 left as they were. ${made[0]!.key}: A request cannot go from acknowledged to acknowledged.`);
    expect(screen.queryByRole('toolbar', { name: 'Bulk actions' })).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    const again = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(again.textContent).toContain('3 selected');
    fireEvent.change(within(again).getByLabelText('Assign selected to'), { target: { value: 'Sam Seller' } });
    expect((await screen.findByText(/Assigned to Sam Seller: 3 requests/)).textContent).toBe('Assigned to Sam Seller: 3 requests.');
    expect(screen.getByRole('button', { name: /^Assigned to me/ }).textContent).toContain('3');
  });
});

describe('saved views', () => {
  it('keep the queue as it is under a name, bring it back from the sidebar, and are deleted with ×', async () => {
    await setUp();
    const filters = screen.getByRole('group', { name: 'Filters' });
    fireEvent.change(within(filters).getByLabelText('Priority'), { target: { value: 'P1' } });
    fireEvent.change(within(filters).getByLabelText('Group by'), { target: { value: 'assignee' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search this queue' }), { target: { value: 'printer' } });
    fireEvent.click(within(filters).getByRole('button', { name: 'Save view…' }));
    fireEvent.change(within(filters).getByLabelText('Name of the view'), { target: { value: 'Urgent printers' } });
    fireEvent.click(within(filters).getByRole('button', { name: 'Save' }));
    const saved = await screen.findByRole('region', { name: 'Saved views' });

    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    fireEvent.click(screen.getByRole('button', { name: /^Outgoing/ }));
    await screen.findByRole('heading', { name: /Outgoing/ });
    fireEvent.click(within(saved).getByRole('button', { name: 'Urgent printers' }));
    expect(await screen.findByRole('heading', { name: /Incoming/ })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Filters' })).getByLabelText('Priority')).toHaveProperty('value', 'P1');
    expect(within(screen.getByRole('group', { name: 'Filters' })).getByLabelText('Group by')).toHaveProperty('value', 'assignee');
    expect(screen.getByRole('searchbox', { name: 'Search this queue' })).toHaveProperty('value', 'printer');

    // The same name again replaces the view instead of adding a second one.
    fireEvent.click(within(screen.getByRole('group', { name: 'Filters' })).getByRole('button', { name: 'Save view…' }));
    fireEvent.change(screen.getByLabelText('Name of the view'), { target: { value: 'urgent printers' } });
    fireEvent.click(within(screen.getByRole('group', { name: 'Filters' })).getByRole('button', { name: 'Save' }));
    await act(async () => {});
    expect(within(screen.getByRole('region', { name: 'Saved views' })).getAllByRole('listitem')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: /Delete saved view/ }));
    await act(async () => {});
    expect(screen.queryByRole('region', { name: 'Saved views' })).toBeNull();
  });
});
