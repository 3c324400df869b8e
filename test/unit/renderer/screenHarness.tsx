// The window under test: the real services in this process, the real store and the whole App,
// mounted afresh for each test of a file that imports this (its hooks register on that file).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { addDays, format } from 'date-fns';
import { afterEach, beforeEach } from 'vitest';
import { App } from '../../../renderer/src/app/App.js';
import { applyEvent } from '../../../renderer/src/state/applyEvent.js';
import { StoreProvider } from '../../../renderer/src/state/context.js';
import { localDraftShelf } from '../../../renderer/src/state/draftShelf.js';
import type { AppStore } from '../../../renderer/src/state/store.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import type { TestServices } from '../../helpers/services.js';
import { startServices } from '../../helpers/services.js';

export let s: TestServices;
export let store: AppStore;

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

/** First-run setup as Sam in Sales, up to the empty Incoming queue. */
export async function setUp() {
  fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Sam Seller' } });
  fireEvent.change(screen.getByLabelText('Your department'), { target: { value: 'Sales' } });
  fireEvent.click(screen.getByRole('button', { name: 'Start using Interdesk' }));
  await screen.findByText(/Nothing waiting for Sales/);
}

export const inDaysDate = (days: number) => format(addDays(new Date(), days), 'yyyy-MM-dd');

/** Opens the dialog and fills in the parts every request has. */
export function startRequest(toDepartment: string, typeName: string, title: string, neededBy: string) {
  fireEvent.click(screen.getByRole('button', { name: 'New request' }));
  const dialog = screen.getByRole('dialog', { name: 'New request' });
  fireEvent.change(within(dialog).getByLabelText('To department'), { target: { value: toDepartment } });
  const type = within(dialog).getByLabelText('Request type');
  fireEvent.change(type, { target: { value: within(type).getByRole<HTMLOptionElement>('option', { name: typeName }).value } });
  fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: title } });
  fireEvent.change(within(dialog).getByLabelText('Needed by'), { target: { value: neededBy } });
  return dialog;
}

/**
 * The person acts for `department` through the sidebar's switch. This machine created the share,
 * so its person is an admin and joins a department at once; the switch then offers it.
 */
export async function switchDepartment(department: string) {
  const sidebar = within(screen.getByRole('navigation', { name: 'Queues' }));
  if (!sidebar.queryByRole('option', { name: department })) await s.must('askToJoin', { departments: [department] });
  await sidebar.findByRole('option', { name: department });
  fireEvent.change(sidebar.getByLabelText('Department'), { target: { value: department } });
}
