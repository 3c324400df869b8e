import type { SyncStatus } from '../../../../shared/core/syncStatus.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** The sync's status line, and Sync now. */
export interface SyncSlice {
  sync: SyncStatus | null;
  syncNow(): Promise<void>;
}

export const createSyncSlice = (set: SetState, _get: GetState, { client }: StoreDeps): SyncSlice => ({
  sync: null,
  async syncNow() {
    const r = await client.syncNow({});
    if (r.ok) set({ sync: r.value });
  },
});
