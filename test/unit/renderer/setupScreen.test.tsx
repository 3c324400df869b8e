// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App.js';
import { StoreProvider } from '../../../renderer/src/state/context.js';
import { applyEvent } from '../../../renderer/src/state/applyEvent.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import type { SyncStatus } from '../../../shared/core/syncStatus.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';

import { s, setUp, store } from './screenHarness.js';

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
