import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import { createQueueSelectors } from './queueSelectors.js';
import type { QueueSelectors } from './queueSelectors.js';
import type { AppStoreOptions } from './slices/kit.js';
import type { ComposeSlice } from './slices/composeSlice.js';
import type { LaunchSlice } from './slices/launchSlice.js';
import { createLaunchSlice } from './slices/launchSlice.js';
import { createComposeSlice } from './slices/composeSlice.js';
import type { RecurringSlice } from './slices/recurringSlice.js';
import { createRecurringSlice } from './slices/recurringSlice.js';
import type { ReviewSlice } from './slices/reviewSlice.js';
import { createReviewSlice } from './slices/reviewSlice.js';
import type { ConfigSlice } from './slices/configSlice.js';
import { createConfigSlice } from './slices/configSlice.js';
import type { DetailSlice } from './slices/detailSlice.js';
import { createDetailSlice } from './slices/detailSlice.js';
import type { DraftSlice } from './slices/draftSlice.js';
import { createDraftSlice } from './slices/draftSlice.js';
import type { ListSlice } from './slices/listSlice.js';
import { createListSlice } from './slices/listSlice.js';
import type { PreferencesSlice } from './slices/preferencesSlice.js';
import { createPreferencesSlice } from './slices/preferencesSlice.js';
import type { PeopleSlice } from './slices/peopleSlice.js';
import { createPeopleSlice } from './slices/peopleSlice.js';
import type { ScreenSlice } from './slices/screenSlice.js';
import { createScreenSlice } from './slices/screenSlice.js';
import type { SearchSlice } from './slices/searchSlice.js';
import { createSearchSlice } from './slices/searchSlice.js';
import type { SelectionSlice } from './slices/selectionSlice.js';
import { createSelectionSlice } from './slices/selectionSlice.js';
import type { SessionSlice } from './slices/sessionSlice.js';
import { createSessionSlice } from './slices/sessionSlice.js';
import type { SyncSlice } from './slices/syncSlice.js';
import { createSyncSlice } from './slices/syncSlice.js';
import type { ToastSlice } from './slices/toastSlice.js';
import { createToastSlice } from './slices/toastSlice.js';

export type { AppStoreOptions } from './slices/kit.js';
export type { View } from './slices/listSlice.js';
export type { Screen } from './slices/screenSlice.js';

export type AppState = SessionSlice &
  LaunchSlice &
  ReviewSlice &
  RecurringSlice &
  ScreenSlice &
  ListSlice &
  SearchSlice &
  SelectionSlice &
  DetailSlice &
  DraftSlice &
  ComposeSlice &
  ConfigSlice &
  PreferencesSlice &
  PeopleSlice &
  ToastSlice &
  SyncSlice;

/** The window's store, with the memoized queue selectors that belong to it. */
export type AppStore = StoreApi<AppState> & { selectors: QueueSelectors };

/**
 * One store from slices (zustand's slices pattern, one file each in slices/). Every change is a
 * named action; every action that changes shared data goes through the contract and then
 * reloads what it changed, so the store never guesses.
 */
export function createAppStore(client: ApiClient, options: AppStoreOptions = {}): AppStore {
  const selectors = createQueueSelectors();
  const deps = { client, options, selectors };
  const store = createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get, deps),
    ...createScreenSlice(set, get),
    ...createListSlice(set, get, deps),
    ...createSearchSlice(set, get, deps),
    ...createSelectionSlice(set, get, deps),
    ...createDetailSlice(set, get, deps),
    ...createDraftSlice(set, get, deps),
    ...createComposeSlice(set, get, deps),
    ...createLaunchSlice(set, get, deps),
    ...createRecurringSlice(set, get, deps),
    ...createConfigSlice(set, get, deps),
    ...createPreferencesSlice(set, get, deps),
    ...createPeopleSlice(set, get, deps),
    ...createToastSlice(set, get, deps),
    ...createSyncSlice(set, get, deps),
    ...createReviewSlice(set, get, deps),
  }));
  return Object.assign(store, { selectors });
}
