// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../../helpers/requestInputs.js';

import { s, setUp, switchDepartment } from './screenHarness.js';

describe('keyboard triage', () => {
  async function threeIncoming() {
    await setUp();
    for (const title of ['Alpha printer', 'Bravo badge', 'Charlie chair']) await s.must('createRequest', { ...laptopRequest('Engineering'), title });
    await switchDepartment('Engineering');
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
