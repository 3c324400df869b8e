import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATUS, syncStatusLine } from '../../shared/core/syncStatus.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';

const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_SYNC_STATUS, ...over });
// The suite runs in Europe/Berlin: 09:40Z is 10:40 there.
const AT = '2026-12-02T09:40:00.000Z';

describe('syncStatusLine: the sync in one line', () => {
  it('says each state in words, with the changes still waiting', () => {
    expect(syncStatusLine(INITIAL_SYNC_STATUS)).toBe('No shared folder yet');
    expect(syncStatusLine(status({ state: 'synced', lastSyncAt: AT }))).toBe('Synced at 10:40');
    expect(syncStatusLine(status({ state: 'synced' }))).toBe('Synced');
    expect(syncStatusLine(status({ state: 'synced', pending: 2 }))).toBe('Syncing — 2 changes waiting');
    expect(syncStatusLine(status({ state: 'offline', offlineSince: AT, pending: 3 }))).toBe('Offline since 10:40 — 3 changes waiting');
    expect(syncStatusLine(status({ state: 'offline', pending: 1 }))).toBe('Offline since start — 1 change waiting');
    expect(syncStatusLine(status({ state: 'read_only', pending: 0 }))).toBe('Shared folder is read-only');
    expect(syncStatusLine(status({ state: 'read_only', pending: 1 }))).toBe('Shared folder is read-only — 1 change waiting');
    expect(syncStatusLine(status({ state: 'newer_format' }))).toBe('Shared folder needs a newer Interdesk — read-only');
  });

  it('while a long pull runs, how far it is, whatever the state', () => {
    expect(syncStatusLine(status({ state: 'synced', receiving: { done: 210, of: 1525 } }))).toBe('Receiving changes — 13 % of 1,525 files');
    expect(syncStatusLine(status({ state: 'offline', receiving: { done: 0, of: 0 } }))).toBe('Receiving changes — 0 % of 0 files');
  });
});
