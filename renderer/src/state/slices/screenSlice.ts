import type { GetState, SetState } from './kit.js';

/** What the main area shows: a queue, the department's settings (calendar, policy, catalog), preferences, or the people on the share. */
export type Screen = 'queue' | 'settings' | 'preferences' | 'people';

export interface ScreenSlice {
  screen: Screen;
  openSettings(): void;
  openPreferences(): void;
  openPeople(): void;
}

export const createScreenSlice = (set: SetState, get: GetState): ScreenSlice => ({
  screen: 'queue',
  openSettings() {
    set({ screen: 'settings', selectedId: null, detail: null, detailState: 'idle' });
  },
  openPreferences() {
    set({ screen: 'preferences', selectedId: null, detail: null, detailState: 'idle' });
    void get().loadPreferences();
  },
  openPeople() {
    set({ screen: 'people', selectedId: null, detail: null, detailState: 'idle' });
    void get().loadPeople();
  },
});
