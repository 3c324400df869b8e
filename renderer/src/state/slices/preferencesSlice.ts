import type { Preferences } from '../../../../shared/contract/api.js';
import type { ApiInputs, SavedView } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import { keepAnswer } from './kit.js';

/** The person's own choices on this machine: notifications, their pause, saved views. */
export interface PreferencesSlice {
  preferences: Preferences | null;
  loadPreferences(): Promise<void>;
  updatePreferences(input: ApiInputs['updatePreferences']): Promise<AppError | null>;
  pauseNotifications(until: string | null): Promise<AppError | null>;
  /** Keeps the queue as it is now (view, search, filters, order) under a name. */
  saveCurrentView(name: string): Promise<AppError | null>;
  applySavedView(view: SavedView): Promise<void>;
  deleteSavedView(name: string): Promise<AppError | null>;
}

export const createPreferencesSlice = (set: SetState, get: GetState, { client }: StoreDeps): PreferencesSlice => ({
  preferences: null,
  async loadPreferences() {
    const r = await client.getPreferences({});
    if (r.ok) set({ preferences: r.value });
  },
  updatePreferences(input) {
    return keepAnswer(set, 'preferences', client.updatePreferences(input));
  },
  pauseNotifications(until) {
    return keepAnswer(set, 'preferences', client.pauseNotifications({ until }));
  },
  saveCurrentView(name) {
    const { view, query, filters } = get();
    return keepAnswer(set, 'preferences', client.saveView({ name, view, query, filters }));
  },
  async applySavedView(saved) {
    set({ query: saved.query, filters: saved.filters });
    await get().setView(saved.view);
  },
  deleteSavedView(name) {
    return keepAnswer(set, 'preferences', client.deleteView({ name }));
  },
});
