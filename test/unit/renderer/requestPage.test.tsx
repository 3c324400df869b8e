// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/app/App.js';
import { StoreProvider } from '../../../renderer/src/state/context.js';
import { localDraftShelf } from '../../../renderer/src/state/draftShelf.js';
import { createAppStore } from '../../../renderer/src/state/store.js';
import { inProcessClient } from '../../helpers/inProcessClient.js';
import { laptopRequest } from '../../helpers/requestInputs.js';

import { s, setUp, store } from './screenHarness.js';

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

  it('cancels only with a reason, which the other department is told', async () => {
    const pane = await openOwnRequest();
    fireEvent.click(within(pane).getByRole('button', { name: 'Cancel request' }));
    const form = within(pane).getByRole('form', { name: 'Cancel request' });
    const confirm = within(form).getByRole('button', { name: 'Cancel request' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText(/Why cancel\? Engineering is told/), { target: { value: 'Bought one ourselves' } });
    fireEvent.click(confirm);
    // The history says it, with the reason.
    expect(await within(pane).findByText(/Bought one ourselves/)).toBeTruthy();
    // The form closes once the cancellation has answered (the pushed change may show the history first).
    await waitFor(() => expect(within(pane).queryByRole('form', { name: 'Cancel request' })).toBeNull());
  });

  it('proposes a new date only with a reason, and shows the proposal as waiting for the other department', async () => {
    const pane = await openOwnRequest();
    fireEvent.click(within(pane).getByRole('button', { name: 'Propose a new date' }));
    const form = within(pane).getByRole('form', { name: 'Propose a date' });
    const propose = within(form).getByRole('button', { name: 'Propose' }) as HTMLButtonElement;
    fireEvent.change(within(form).getByLabelText('Needed by'), { target: { value: '2099-03-02' } });
    expect(propose.disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText(/Why this date\? Engineering is told/), { target: { value: 'The customer moved the visit' } });
    fireEvent.click(propose);
    const proposal = await within(pane).findByRole('region', { name: 'Proposed date' });
    expect(proposal.textContent).toMatch(/Sales proposes .*2099.*: “The customer moved the visit”Waiting for Engineering to accept it or propose another\./);
    // Its own proposal is not for Sales to accept.
    expect(within(proposal).queryByRole('button', { name: /^Accept/ })).toBeNull();
    expect(within(pane).queryByRole('button', { name: 'Propose a new date' })).toBeNull();
  });

  it('corrects the title and details it asked; the page and the history show the new version', async () => {
    const pane = await openOwnRequest();
    fireEvent.click(within(pane).getByRole('button', { name: 'Correct' }));
    const form = within(pane).getByRole('form', { name: 'Correct the request' });
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Two laptops for Dana' } });
    fireEvent.change(within(form).getByLabelText('Details'), { target: { value: 'Starts Monday; one spare' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save corrections' }));
    expect(await screen.findByRole('complementary', { name: 'Two laptops for Dana' })).toBeTruthy();
    const history = within(pane).getByRole('region', { name: 'History' });
    expect(history.textContent).toContain('changed the title to “Two laptops for Dana”');
    expect(history.textContent).toContain('corrected the details: “Starts Monday; one spare”');
    // The form closes once the save has answered (the page may show the new title first, from the change pushed meanwhile).
    await waitFor(() => expect(within(pane).queryByRole('form', { name: 'Correct the request' })).toBeNull());
  });

  it('asks, once it is done, whether Sales would choose Engineering again, and shows the answer', async () => {
    await setUp();
    const r = await s.must('createRequest', laptopRequest('Engineering'));
    // Engineering does it (this machine's person leads it too: they made the share).
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('changeStatus', { id: r.id, status: 'acknowledged' });
    await s.must('changeStatus', { id: r.id, status: 'done' });
    await s.must('updateProfile', { department: 'Sales' });
    await act(async () => void (await store.getState().showRequest(r.id)));
    const pane = await screen.findByRole('complementary', { name: 'Laptop for Dana' });
    const ask = await within(pane).findByRole('region', { name: 'Would you choose Engineering again for this?' });
    fireEvent.change(within(ask).getByLabelText(/A comment for Engineering/), { target: { value: 'Quick and right' } });
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes' }));
    expect((await within(pane).findByText(/Sales would choose Engineering again/)).textContent).toContain('“Quick and right”');
    expect(within(pane).queryByRole('region', { name: 'Would you choose Engineering again for this?' })).toBeNull();
  });

  it('says a sealed note is waiting for its key, rather than showing it empty', async () => {
    await setUp();
    const r = await s.must('createRequest', laptopRequest('Engineering'));
    // Sealed with a key no computer of Sales has shared with this one yet.
    s.store.commit({ user: 'Ana', department: 'Sales' }, { type: 'request.sealedNote', target: r.id, fields: { key: 'A'.repeat(22), box: 'B'.repeat(60) } });
    await act(async () => void (await store.getState().showRequest(r.id)));
    const pane = await screen.findByRole('complementary', { name: 'Laptop for Dana' });
    const notes = await within(pane).findByRole('list', { name: 'Internal notes' });
    expect(notes.textContent).toContain('Sealed for Sales: this computer holds no key for it yet.');
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
