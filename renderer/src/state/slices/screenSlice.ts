import type { GetState, SetState } from './kit.js';

/**
 * What the main area shows: a queue, the department's settings (calendar, policy, catalog),
 * preferences, the people on the share, the departments' service pages, the reviews or the
 * department's recurring requests.
 */
export type Screen = 'queue' | 'settings' | 'preferences' | 'people' | 'services' | 'reviews' | 'recurring';

export interface ScreenSlice {
  screen: Screen;
  openSettings(): void;
  openPreferences(): void;
  openPeople(): void;
  /** The service pages, at `department`'s (else the last one shown, else the first). */
  openServices(department?: string): void;
  /** How department pairs did: the review of this period. */
  openReviews(): void;
  /** The department's recurring requests. */
  openRecurring(): void;
  /** Whose service page is shown. */
  serviceDepartment: string | null;
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
  serviceDepartment: null,
  openReviews() {
    set({ screen: 'reviews', selectedId: null, detail: null, detailState: 'idle' });
    void get().loadReview();
  },
  openRecurring() {
    set({ screen: 'recurring', selectedId: null, detail: null, detailState: 'idle' });
  },
  openServices(department) {
    set({ screen: 'services', selectedId: null, detail: null, detailState: 'idle', ...(department ? { serviceDepartment: department } : {}) });
  },
  openPeople() {
    set({ screen: 'people', selectedId: null, detail: null, detailState: 'idle' });
    void get().loadPeople();
  },
});
