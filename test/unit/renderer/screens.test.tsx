// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { addDays, format } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App.js';
import { StoreProvider } from '../../../renderer/src/state/context.js';
import { localDraftShelf } from '../../../renderer/src/state/draftShelf.js';
import type { AppStore } from '../../../renderer/src/state/store.js';
import { applyEvent } from '../../../renderer/src/state/applyEvent.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import type { RequestSummary } from '../../../shared/model/request.js';
import type { SyncStatus } from '../../../shared/core/syncStatus.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import type { TestServices } from '../../helpers/services.js';
import { startServices } from '../../helpers/services.js';
import { laptopRequest } from '../../helpers/requestInputs.js';

let s: TestServices;
let store: AppStore;

beforeEach(() => {
  s = startServices();
  localStorage.clear();
  store = createAppStore(inProcessClient(s), { drafts: localDraftShelf() });
  s.events.subscribe((e) => applyEvent(store, e));
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
});
afterEach(() => {
  cleanup();
  s.dispose();
});

async function setUp() {
  fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Sam Seller' } });
  fireEvent.change(screen.getByLabelText('Your department'), { target: { value: 'Sales' } });
  fireEvent.click(screen.getByRole('button', { name: 'Start using Interdesk' }));
  await screen.findByText(/Nothing waiting for Sales/);
}

describe('first-run setup', () => {
  it('offers the shared folder inside the data folder and shows a refusal in words', async () => {
    expect(await screen.findByLabelText('Shared folder')).toHaveProperty('value', `${s.dataDir}/shared-folder`);
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('Your department'), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start using Interdesk' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your name is required.');
  });

  it('says how far joining a busy shared folder is while setup waits for it', async () => {
    cleanup();
    let finish: () => void = () => {};
    const client = inProcessClient(s);
    const waiting = createAppStore({
      ...client,
      completeSetup: (input) => new Promise((resolve) => (finish = () => void client.completeSetup(input).then(resolve))),
    });
    render(
      <StoreProvider store={waiting}>
        <App />
      </StoreProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Sam Seller' } });
    fireEvent.change(screen.getByLabelText('Your department'), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start using Interdesk' }));
    expect((await screen.findByRole('status')).textContent).toBe('Joining the shared folder…');
    const status = (await s.must('getSyncStatus', {})) as SyncStatus;
    act(() => applyEvent(waiting, { name: 'syncStatusChanged', payload: { ...status, receiving: { done: 105, of: 525 } } }));
    expect(screen.getByRole('status').textContent).toBe('Receiving changes — 20 % of 525 files');
    expect(screen.getByRole('progressbar', { name: 'Receiving changes' })).toHaveProperty('value', 105);
    await act(async () => finish());
    expect(await screen.findByRole('heading', { name: /Incoming/ })).toBeTruthy();
  });

  it('leads to the Incoming queue with its empty state', async () => {
    await setUp();
    expect(screen.getByRole('heading', { name: /Incoming/ }).textContent).toContain('Sales');
    expect(screen.getByRole('button', { name: /^Incoming/ }).getAttribute('aria-current')).toBe('page');
  });
});

const inDaysDate = (days: number) => format(addDays(new Date(), days), 'yyyy-MM-dd');

/** Opens the dialog and fills in the parts every request has. */
function startRequest(toDepartment: string, typeName: string, title: string, neededBy: string) {
  fireEvent.click(screen.getByRole('button', { name: 'New request' }));
  const dialog = screen.getByRole('dialog', { name: 'New request' });
  fireEvent.change(within(dialog).getByLabelText('To department'), { target: { value: toDepartment } });
  const type = within(dialog).getByLabelText('Request type');
  fireEvent.change(type, { target: { value: within(type).getByRole<HTMLOptionElement>('option', { name: typeName }).value } });
  fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: title } });
  fireEvent.change(within(dialog).getByLabelText('Needed by'), { target: { value: neededBy } });
  return dialog;
}

describe('the sync line', () => {
  it('shows how far a long pull is, with a progress bar, and the usual line after', async () => {
    await setUp();
    const synced = store.getState().sync!;
    act(() => applyEvent(store, { name: 'syncStatusChanged', payload: { ...synced, receiving: { done: 210, of: 525 } } }));
    const line = () => within(screen.getByRole('region', { name: 'Sync' })).getByRole('status').textContent;
    expect(line()).toContain('Receiving changes — 40 % of 525 files');
    expect(screen.getByRole('progressbar', { name: 'Receiving changes' })).toHaveProperty('value', 210);
    act(() => applyEvent(store, { name: 'syncStatusChanged', payload: { ...synced, state: 'synced', lastSyncAt: new Date().toISOString(), receiving: null } }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(line()).toMatch(/Synced at/);
  });
});

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

  it('names each required answer that is missing, next to its field, and sends nothing', async () => {
    await setUp();
    const dialog = startRequest('IT', 'Access to a system', 'VPN', inDaysDate(30));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(within(dialog).getByLabelText(/^System/)).toHaveProperty('ariaInvalid', 'true');
    expect(within(dialog).getByText('System is required.')).toBeTruthy();
    expect(within(dialog).getByText('Access level is required.')).toBeTruthy();
    // The summary under the form points up, to where the fields are.
    expect(within(dialog).getByRole('alert').textContent).toBe('Some answers need a look: System, Access level (marked above).');
    expect(s.store.opCount).toBe(1); // only the configuration seed
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
        list: { items, total: items.length, counts: { incoming: 0, outgoing: 10_000, assigned: 0, watching: 0, all: 10_000 }, members: [] },
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

describe('keyboard triage', () => {
  async function threeIncoming() {
    await setUp();
    for (const title of ['Alpha printer', 'Bravo badge', 'Charlie chair']) await s.must('createRequest', { ...laptopRequest('Engineering'), title });
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'Engineering' } });
    fireEvent.click(await screen.findByRole('button', { name: /^Incoming/ }));
    return screen.findByRole('table', { name: 'Incoming requests' });
  }
  const key = (k: string) => fireEvent.keyDown(window, { key: k });

  it('moves with j/k, opens with Enter, acknowledges with a, closes with Esc', async () => {
    const table = await threeIncoming();
    key('j');
    expect(within(table).getByRole('row', { current: true }).textContent).toContain('Alpha printer');
    key('j');
    key('ArrowDown');
    key('k');
    expect(within(table).getByRole('row', { current: true }).textContent).toContain('Bravo badge');
    key('Enter');
    const pane = await screen.findByRole('complementary', { name: 'Bravo badge' });
    key('a');
    expect(await within(pane).findByText('Acknowledged', { selector: '.badge' })).toBeTruthy();
    key('j'); // with a request open, the pane follows the keyboard
    expect(await screen.findByRole('complementary', { name: 'Charlie chair' })).toBeTruthy();
    key('Escape');
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('r writes a reply and n a note on the open request, Ctrl+Enter sends it', async () => {
    const table = await threeIncoming();
    key('j');
    expect(within(table).getByRole('row', { current: true }).textContent).toContain('Alpha printer');
    key('r'); // no request open: nothing to reply on
    expect(document.activeElement?.tagName).not.toBe('TEXTAREA');
    key('Enter');
    const pane = await screen.findByRole('complementary', { name: 'Alpha printer' });
    key('r');
    const reply = within(pane).getByRole('textbox', { name: 'Reply' });
    expect(document.activeElement).toBe(reply);
    fireEvent.change(reply, { target: { value: 'On my way with toner' } });
    fireEvent.keyDown(reply, { key: 'Enter', ctrlKey: true });
    expect((await within(pane).findByRole('list', { name: 'Replies' })).textContent).toContain('On my way with toner');

    (document.activeElement as HTMLElement).blur();
    key('n');
    const note = within(pane).getByRole('textbox', { name: 'Internal note' });
    expect(document.activeElement).toBe(note);
    expect(within(pane).getByRole('radio', { name: 'Internal note' })).toHaveProperty('checked', true);
  });

  it('/ searches the queue, c starts a request, ? shows the shortcuts', async () => {
    const table = await threeIncoming();
    key('/');
    const search = screen.getByRole('searchbox', { name: 'Search this queue' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'chair' } });
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('Request'), expect.stringContaining('Charlie chair')]);
    fireEvent.change(search, { target: { value: 'nothing like this' } });
    expect(screen.getByText('No request here matches “nothing like this”.')).toBeTruthy();
    search.blur();
    key('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent).toContain('Acknowledge the open request');
    key('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    key('c');
    expect(screen.getByRole('dialog', { name: 'New request' })).toBeTruthy();
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
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'Engineering' } });
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
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'Engineering' } });
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
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'Engineering' } });
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

describe('the request page', () => {
  async function openOwnRequest() {
    await setUp();
    const r = await s.must('createRequest', laptopRequest('Engineering'));
    await act(async () => void (await store.getState().showRequest(r.id)));
    return screen.findByRole('complementary', { name: 'Laptop for Dana' });
  }

  it('refuses a file over the limit with the reason, and lists one within it', async () => {
    const pane = await openOwnRequest();
    const input = within(pane).getByLabelText('Attach a file');
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'scan.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [big] } });
    // Reading a file, writing it durably and reloading the request: seconds when the suite loads both cores.
    const slow = { timeout: 5_000 };
    expect((await within(pane).findByRole('alert', {}, slow)).textContent).toBe(
      '“scan.pdf” is 10.0 MB (10,485,761 bytes); an attachment may be at most 10.0 MB (10,485,760 bytes). Share it through a link in a comment instead.',
    );
    const small = new File(['3 laptops'], 'quote.txt', { type: 'text/plain' });
    fireEvent.change(input, { target: { files: [small] } });
    expect(await within(pane).findByRole('button', { name: 'quote.txt' }, slow)).toBeTruthy();
    // What the person sees once the small file is listed: the refusal of the big one is gone.
    await waitFor(() => expect(within(pane).queryByRole('alert')).toBeNull(), slow);
  });

  it('writes an internal note apart from the replies, and watches with a pressed button', async () => {
    const pane = await openOwnRequest();
    fireEvent.click(within(pane).getByRole('radio', { name: 'Internal note' }));
    fireEvent.change(within(pane).getByRole('textbox', { name: 'Internal note' }), { target: { value: 'Budget approved by Ana' } });
    fireEvent.click(within(pane).getByRole('button', { name: 'Add note' }));
    const notes = await within(pane).findByRole('list', { name: 'Internal notes' });
    expect(notes.textContent).toContain('Budget approved by Ana');
    expect(within(pane).getByRole('list', { name: 'Replies' }).textContent).toBe('');
    const watch = within(pane).getByRole('button', { name: 'Watch' });
    expect(watch.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(watch);
    expect((await within(pane).findByRole('button', { name: /^Watching/ })).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps a half-written reply when the window is closed and opened again', async () => {
    const pane = await openOwnRequest();
    const id = store.getState().selectedId!;
    fireEvent.change(within(pane).getByRole('textbox', { name: 'Reply' }), { target: { value: 'Back after lunch' } });
    cleanup();
    const reopened = createAppStore(inProcessClient(s), { drafts: localDraftShelf() });
    render(
      <StoreProvider store={reopened}>
        <App />
      </StoreProvider>,
    );
    await screen.findByRole('heading', { name: /Incoming/ });
    await act(async () => void (await reopened.getState().showRequest(id)));
    const again = await screen.findByRole('complementary', { name: 'Laptop for Dana' });
    expect(within(again).getByRole('textbox', { name: 'Reply' })).toHaveProperty('value', 'Back after lunch');
  });

  it('keeps a half-written reply with its request when another is opened, and never sends it there', async () => {
    const pane = await openOwnRequest();
    const laptop = store.getState().selectedId!;
    fireEvent.change(within(pane).getByRole('textbox', { name: 'Reply' }), { target: { value: 'Which dock model?' } });
    const other = await s.must('createRequest', { ...laptopRequest('Engineering'), title: 'Desk lamp' });
    await act(async () => void (await store.getState().showRequest(other.id)));
    const lampPane = await screen.findByRole('complementary', { name: 'Desk lamp' });
    expect(within(lampPane).getByRole('textbox', { name: 'Reply' })).toHaveProperty('value', '');
    expect(within(lampPane).getByRole('button', { name: 'Send reply' })).toHaveProperty('disabled', true);

    await act(async () => void (await store.getState().showRequest(laptop)));
    const back = await screen.findByRole('complementary', { name: 'Laptop for Dana' });
    expect(within(back).getByRole('textbox', { name: 'Reply' })).toHaveProperty('value', 'Which dock model?');
    fireEvent.click(within(back).getByRole('button', { name: 'Send reply' }));
    expect((await within(back).findByRole('list', { name: 'Replies' })).textContent).toContain('Which dock model?');
    expect(within(back).getByRole('textbox', { name: 'Reply' })).toHaveProperty('value', '');
  });
});
