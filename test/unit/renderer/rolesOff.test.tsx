// @vitest-environment jsdom
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ShareLayout } from '../../../electron/sync/format/layout.js';
import { s, setUp } from './screenHarness.js';

describe('People on a shared folder made before Interdesk knew people', () => {
  it('says what that means, and turns roles on: this person becomes its first admin', async () => {
    // The folder as a build before keys left it: a format.json without a root.
    const layout = new ShareLayout(join(s.dataDir, 'shared-folder'));
    mkdirSync(layout.devicesDir, { recursive: true });
    const format = { format: 'interdesk-share', major: 1, minor: 0, shareId: '7d3c1b2a-0f4e-4d5c-8b6a-9e8f7a6b5c4d', createdAt: '2026-01-05T09:00:00.000Z' };
    writeFileSync(layout.formatFile, JSON.stringify(format));
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: /People/ }));
    expect(await screen.findByText(/anyone may act for any department, and nothing proves who did what/)).toBeTruthy();
    expect(screen.getByText(/You become the folder's first admin and lead of Sales/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Turn on roles' }));
    expect(await screen.findByRole('table', { name: 'People' })).toBeTruthy();
    expect((await s.must('getSession', {})).membership).toMatchObject({ admin: true, leads: ['Sales'] });
  });
});
