import { join } from 'node:path';
import { RequestStore } from '../store/requestStore.js';
import { createAppService } from './appService.js';
import type { Dispatch } from './dispatch.js';
import { createDispatcher } from './dispatch.js';
import { EventBus } from './events.js';
import type { SettingsStore } from './settings.js';

export interface Services {
  dispatch: Dispatch;
  events: EventBus;
  store: RequestStore;
  close(): void;
}

/** Where things live inside a data folder (the user-data folder in the desktop app). */
export function dataLayout(dataDir: string) {
  return {
    storeDir: join(dataDir, 'store'),
    defaultSharePath: join(dataDir, 'shared-folder'),
  };
}

/** Wires the real services; each transport (Electron IPC, browser HTTP) calls this once. */
export function openServices({ dataDir, settings, now }: { dataDir: string; settings: SettingsStore; now?: () => number }): Services {
  const layout = dataLayout(dataDir);
  const store = RequestStore.open({ dir: layout.storeDir, deviceId: settings.read().deviceId, ...(now ? { now } : {}) });
  if (store.damagedLines > 0) {
    console.warn(`Interdesk: ${store.damagedLines} damaged line(s) in ${layout.storeDir} were skipped.`);
  }
  const events = new EventBus();
  const handlers = createAppService({
    settings,
    store,
    events,
    paths: { dataDir, defaultSharePath: layout.defaultSharePath },
    ...(now ? { now } : {}),
  });
  return { dispatch: createDispatcher(handlers), events, store, close: () => store.close() };
}
