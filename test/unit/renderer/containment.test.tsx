// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { laptopRequest } from '../../helpers/requestInputs.js';

import { s, setUp, store } from './screenHarness.js';

describe('a part of the window that fails', () => {
  it('says so in its own place, with a way back, and the queue beside it stays', async () => {
    await setUp();
    const r = await s.must('createRequest', laptopRequest('Engineering'));
    fireEvent.click(screen.getByRole('button', { name: /Outgoing/ }));
    await screen.findByRole('row', { name: /Laptop for Dana/ });
    await act(async () => void (await store.getState().showRequest(r.id)));
    await screen.findByRole('complementary', { name: 'Laptop for Dana' });
    // React reports the caught error on the console: expected here, kept out of the test output.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    act(() => store.setState({ detail: { ...store.getState().detail!, history: null as never } }));

    const failed = await screen.findByRole('alert');
    expect(within(failed).getByRole('heading').textContent).toBe('This request could not be shown');
    expect(screen.getByRole('row', { name: /Laptop for Dana/ })).toBeTruthy();
    expect(screen.getByRole('navigation')).toBeTruthy();
    fireEvent.click(within(failed).getByRole('button', { name: 'Close this request' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(store.getState().selectedId).toBeNull();
    quiet.mockRestore();
  });
});
