// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/components/App.js';
import { StoreProvider } from '../../../renderer/src/state/context.js';
import { applyEvent, createAppStore } from '../../../renderer/src/state/store.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import type { TestServices } from '../../helpers/services.js';
import { startServices } from '../../helpers/services.js';

let s: TestServices;

beforeEach(() => {
  s = startServices();
  const store = createAppStore(inProcessClient(s));
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

  it('leads to the Incoming queue with its empty state', async () => {
    await setUp();
    expect(screen.getByRole('heading', { name: /Incoming/ }).textContent).toContain('Sales');
    expect(screen.getByRole('button', { name: /^Incoming/ }).getAttribute('aria-current')).toBe('page');
  });
});

describe('the new-request dialog', () => {
  it('sends a request, then shows it in Outgoing and opens it', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    const dialog = screen.getByRole('dialog', { name: 'New request' });
    const to = within(dialog).getByLabelText('To department');
    expect(within(to).queryByRole('option', { name: 'Sales' })).toBeNull();
    fireEvent.change(to, { target: { value: 'IT' } });
    fireEvent.change(within(dialog).getByLabelText('Request type'), { target: { value: 'Access' } });
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'VPN for the new rep' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send request' }));

    const table = await screen.findByRole('table', { name: 'Outgoing requests' });
    expect(within(table).getByRole('row', { name: /VPN for the new rep/ }).textContent).toContain('IT');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('complementary', { name: 'VPN for the new rep' })).toBeTruthy();
  });

  it('keeps what was typed and explains a date in the past', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'New request' }));
    const dialog = screen.getByRole('dialog', { name: 'New request' });
    fireEvent.change(within(dialog).getByLabelText('To department'), { target: { value: 'IT' } });
    fireEvent.change(within(dialog).getByLabelText('Request type'), { target: { value: 'Access' } });
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Too late' } });
    fireEvent.change(within(dialog).getByLabelText('Needed by'), { target: { value: '2020-01-01' } });
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
