import { randomUUID } from 'node:crypto';
import { RequestStore } from '../../electron/store/requestStore.js';
import type { SyncEngineOptions } from '../../electron/sync/syncEngine.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { loadDeviceKey } from '../../electron/sync/deviceKey.js';

/** The store and engine classes of a build: this one, or an older one a test runs beside it. */
export interface Build {
  RequestStore: typeof RequestStore;
  SyncEngine: typeof SyncEngine;
}

export interface StoreMachineOptions extends Partial<Omit<SyncEngineOptions, 'store' | 'sharePath'>> {
  share: string;
  /** Its local data folder (tests give a temporary one). */
  dir: string;
  deviceId?: string;
  build?: Build;
}

/**
 * A staff machine without the services: its own local store and a sync engine on `share`, syncing
 * only when told to (no watcher, no timer) unless the options say otherwise. `stop` ends both.
 */
export function storeMachine({ share, dir, deviceId, build = { RequestStore, SyncEngine }, ...tuning }: StoreMachineOptions) {
  // Kept in its data folder, as the app keeps it: a machine restarted on `dir` signs as before.
  const key = loadDeviceKey(dir, null);
  const store = build.RequestStore.open({ dir, deviceId: deviceId ?? randomUUID(), publicKey: key.publicKey, ...(tuning.now ? { now: tuning.now } : {}) });
  const engine = new build.SyncEngine({
    store,
    sharePath: () => share,
    identity: () => ({ user: 'Sam', department: 'Sales' }),
    key,
    watch: false,
    pollMs: 3_600_000,
    ...tuning,
  });
  return {
    store,
    engine,
    key,
    stop() {
      engine.stop();
      store.close();
    },
  };
}
export type StoreMachine = ReturnType<typeof storeMachine>;

/** Sam in Sales asks IT for something: one request.create committed on `store`. */
export function saveRequest(store: Pick<RequestStore, 'commit'>, title: string) {
  return store.commit(
    { user: 'Sam', department: 'Sales' },
    {
      type: 'request.create',
      target: randomUUID(),
      fields: {
        type: 'General request',
        title,
        details: '',
        priority: 'P3',
        neededBy: '2026-12-24T16:00:00.000Z',
        fromDepartment: 'Sales',
        toDepartment: 'IT',
      },
    },
  );
}
