import { makePrivateDir } from '../store/durableFile.js';
import { join } from 'node:path';
import type { Config, Session } from '../../shared/contract/api.js';
import { isEverything } from '../../shared/core/changes.js';
import { CONFIG_TARGET, ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { SyncEngineOptions } from '../sync/syncEngine.js';
import { SyncEngine } from '../sync/syncEngine.js';
import { RequestStore } from '../store/requestStore.js';
import { BlobStore } from '../store/blobs.js';
import { createAttachmentHandlers } from './attachments.js';
import { createDepartmentHandlers } from './departments.js';
import { createRosterHandlers } from './roster.js';
import { rosterEntry } from './rosterEntry.js';
import { createLinkHandlers } from './requestLinks.js';
import { createRequestHandlers } from './requests.js';
import { createAgreementHandlers } from './requestAgreements.js';
import { createReviews } from './reviews.js';
import { createChainHandlers } from './chains.js';
import { createRecurring } from './recurring.js';
import { createServiceContext } from './serviceContext.js';
import { createSessionHandlers } from './session.js';
import { NotificationCenter } from './notificationCenter.js';
import type { LoginItem } from './preferences.js';
import { createPreferenceHandlers } from './preferences.js';
import type { Dispatch } from './dispatch.js';
import { createDispatcher } from './dispatch.js';
import { EventBus, announceConfigChange, startClockTicks } from './events.js';
import type { SettingsStore } from './settings.js';
import type { DeviceKey, KeyVault } from '../sync/deviceKey.js';
import { loadDeviceKey } from '../sync/deviceKey.js';
import { ConfidentialNotes } from './confidentialNotes.js';
import { ConfidentialRequests } from './confidentialRequests.js';

export interface Services {
  dispatch: Dispatch;
  events: EventBus;
  store: RequestStore;
  sync: SyncEngine;
  /** This computer's signing key (docs/sync.md §Trust). */
  key: DeviceKey;
  notifications: NotificationCenter;
  close(): void;
}

export type SyncTuning = Pick<
  SyncEngineOptions,
  'pollMs' | 'flushDelayMs' | 'reportAfterMs' | 'fullScanEvery' | 'watch' | 'fs' | 'snapshots' | 'snapshotEvery'
>;

export interface OpenServicesOptions {
  dataDir: string;
  settings: SettingsStore;
  now?: () => number;
  /** false: build the engine but never start it (tests that drive syncNow themselves); the notification center starts with it. */
  sync?: SyncTuning | false;
  loginItem?: LoginItem;
  /** Seals this computer's private key with the OS keychain (Electron's safeStorage); without one it is kept in a file only its owner may read. */
  keyVault?: KeyVault;
}

/** Late enough that start-up (the first list, the first sync) is over; a search before then builds it at once. */
const TEXT_INDEX_AFTER_MS = 10_000;
/** After the first queue and sync of a start. */
const REVIEWS_AFTER_MS = 3_000;

/** Where things live inside a data folder (the user-data folder in the desktop app). */
export function dataLayout(dataDir: string) {
  return {
    storeDir: join(dataDir, 'store'),
    blobsDir: join(dataDir, 'store', 'blobs'),
    defaultSharePath: join(dataDir, 'shared-folder'),
  };
}

/** Wires the real services; each transport (Electron IPC, browser HTTP) calls this once. */
export function openServices({ dataDir, settings, now, sync: tuning = {}, loginItem, keyVault }: OpenServicesOptions): Services {
  const layout = dataLayout(dataDir);
  makePrivateDir(dataDir);
  const key = loadDeviceKey(dataDir, keyVault ?? null);
  const store = RequestStore.open({ dir: layout.storeDir, deviceId: settings.read().deviceId, publicKey: key.publicKey, ...(now ? { now } : {}) });
  if (store.damagedLines > 0) {
    console.warn(
      `Interdesk: the local log in ${layout.storeDir} ended in a damaged batch (a power cut during a sync?); it was cut there, and the next sync reads that part again.`,
    );
  }
  if (settings.read().deviceId !== store.deviceId) settings.write({ ...settings.read(), deviceId: store.deviceId });
  const events = new EventBus();
  const notes = new ConfidentialNotes(store, key);
  const confidential = new ConfidentialRequests(store, notes);
  // Seal keys go out, and department keys reach members who lack them, once someone is set up here.
  const keepNotes = () => {
    const p = settings.read().profile;
    if (p) notes.keep({ user: p.name, department: p.department });
  };
  const blobs = new BlobStore(layout.blobsDir);
  let configVersion = store.config.version;
  const sync = new SyncEngine({
    ...(tuning || {}),
    store,
    blobs,
    key,
    ...(now ? { now } : {}),
    sharePath: () => settings.read().sharePath,
    identity: () => {
      const p = settings.read().profile;
      return p && { user: p.name, department: p.department };
    },
    onIngested: (ids) => {
      // A roster change (someone asked to join, or was answered) may change what this person may do.
      if (ids.includes(ROSTER_TARGET)) events.emit({ name: 'sessionChanged', payload: handlers.getSession({}) as Session });
      const requestIds = ids.filter((id) => id !== CONFIG_TARGET && id !== ROSTER_TARGET);
      if (store.config.version !== configVersion) {
        configVersion = store.config.version;
        announceConfigChange(events, handlers.getConfig({}) as Config, handlers.getSession({}) as Session);
      } else if (isEverything(ids) || requestIds.length) {
        events.emit({ name: 'requestsChanged', payload: { ids: context.withChains(requestIds) } });
      }
      // A colleague's schedule, a calendar or a request that arrived may change what is due to be asked for.
      askRecurring();
    },
    onStatus: (status) => events.emit({ name: 'syncStatusChanged', payload: status }),
    onDeviceIdChanged: (deviceId) => settings.write({ ...settings.read(), deviceId }),
  });
  store.onCommit = () => sync.notifyLocalChange();
  store.onAudited = (result) => {
    if (!('sound' in result) || result.sound) return;
    sync.report(
      `The shared folder's snapshot did not match its history (request ${result.request} differed). This computer's queues were rebuilt from the history itself; nothing is missing.`,
    );
    console.warn(`Interdesk: the adopted share snapshot differs from its history at request ${result.request}; the history's fold replaced it.`);
    events.emit({ name: 'requestsChanged', payload: { ids: [] } });
  };
  const context = createServiceContext({
    settings,
    store,
    blobs,
    sync: {
      status: () => sync.current,
      syncNow: () => sync.syncNow(),
      fetchBlob: (hash) => sync.fetchBlob(hash),
      colleagues: (department) => sync.colleagues(department),
      turnOnRoles: () => sync.turnOnRoles(),
    },
    events,
    notes,
    confidential,
    paths: { dataDir, defaultSharePath: layout.defaultSharePath },
    now: () => store.clockNow(),
  });
  const reviews = createReviews(context);
  const recurring = createRecurring(context);
  /** Asks for the recurring requests due now; a failure (a full disk) is said, and the next tick tries again. */
  const askRecurring = () => {
    try {
      recurring.run();
    } catch (err) {
      console.warn('Interdesk: a recurring request could not be asked for now; it is tried again within a minute.', err);
    }
  };
  const handlers = {
    ...createSessionHandlers(context),
    ...createRequestHandlers(context),
    ...createAgreementHandlers(context),
    ...reviews.handlers,
    ...createLinkHandlers(context),
    ...createChainHandlers(context),
    ...recurring.handlers,
    ...createAttachmentHandlers(context),
    ...createDepartmentHandlers(context),
    ...createRosterHandlers(context),
  };
  const preferences = createPreferenceHandlers({ settings, events, loginItem, now: () => store.clockNow() });
  const notifications = new NotificationCenter({
    handlers,
    store,
    settings,
    events,
    syncStatus: () => sync.current,
    syncing: () => sync.busy,
    file: join(dataDir, 'notifications.json'),
    now: () => store.clockNow(),
  });
  // After setup, and whenever the roster moves (here or from the share), the session changes.
  // A person set up here before the share's roles were on asks to join once they are.
  const { enrol } = rosterEntry(context);
  const keepUp = () => {
    enrol();
    keepNotes();
  };
  const unkeep = events.subscribe((e) => e.name === 'sessionChanged' && keepUp());
  keepUp();
  let textWarmUp: NodeJS.Timeout | null = null;
  let reviewsWarmUp: NodeJS.Timeout | null = null;
  let stopTicks = () => {};
  let unrecur = () => {};
  if (tuning) {
    sync.start();
    notifications.start();
    stopTicks = startClockTicks(events, () => store.clockNow());
    // Each minute, and once the store is ready, what recurring requests are due is asked for.
    unrecur = events.subscribe((e) => e.name === 'clocksMoved' && askRecurring());
    void store.whenJoined().then(askRecurring, () => undefined);
    // Search's word index is built once the app has settled, so the first search finds it ready.
    textWarmUp = setTimeout(() => void store.textIndex().catch(() => undefined), TEXT_INDEX_AFTER_MS);
    textWarmUp.unref();
    // The reviews' rows likewise, in slices once the first queue is up: the first Reviews screen is then as quick as the next.
    reviewsWarmUp = setTimeout(
      () =>
        void store
          .whenJoined()
          .then(() => reviews.warm())
          // Only a head start: Reviews computes what it lacks when opened.
          .catch((err) => console.warn('Interdesk: the reviews could not be prepared ahead; Reviews computes them when opened.', err)),
      REVIEWS_AFTER_MS,
    );
    reviewsWarmUp.unref();
  }
  return {
    dispatch: createDispatcher({ ...handlers, ...preferences }),
    events,
    store,
    sync,
    key,
    notifications,
    close: () => {
      if (textWarmUp) clearTimeout(textWarmUp);
      if (reviewsWarmUp) clearTimeout(reviewsWarmUp);
      stopTicks();
      unrecur();
      unkeep();
      notifications.stop();
      sync.stop();
      store.close();
    },
  };
}
