import type { QueueFilters } from '../filters.js';
import { NO_FILTERS } from '../filters.js';
import type { GetState, SetState, StoreDeps } from './kit.js';
import { afterPause } from './kit.js';
import type { View } from './listSlice.js';

/** A pause in typing before main is asked to search details and comments. */
const SEARCH_DELAY_MS = 120;

/** How the queue is narrowed: the words searched for and the filters. */
export interface SearchSlice {
  /** Words the list is narrowed to (title, key, type, people, departments here; details and comments in main). */
  query: string;
  setQuery(query: string): void;
  /** Requests whose details, comments or notes hold every word of `query`, as main answered for this view. */
  textHits: { query: string; view: View; ids: ReadonlySet<string> } | null;
  searching: boolean;
  /** Asks main now which requests of the view hold the words in their details and comments. */
  runSearch(): Promise<void>;
  filters: QueueFilters;
  setFilters(patch: Partial<QueueFilters>): void;
}

export const createSearchSlice = (set: SetState, get: GetState, { client }: StoreDeps): SearchSlice => {
  const scheduleSearch = afterPause(() => void get().runSearch(), SEARCH_DELAY_MS);
  /** The overview is narrowed in main: a change of filters asks again. */
  const scheduleNarrowing = afterPause(() => {
    if (get().view === 'all') void get().refreshList();
  }, SEARCH_DELAY_MS);

  return {
    query: '',
    setQuery(query) {
      set({ query });
      scheduleSearch();
    },
    textHits: null,
    searching: false,
    async runSearch() {
      const { query, view, showClosed } = get();
      const q = query.trim();
      if (q) {
        set({ searching: true });
        const r = await client.searchRequests({ query: q, view, includeClosed: showClosed[view] });
        if (get().query.trim() !== q || get().view !== view) return;
        set({ searching: false, textHits: r.ok ? { query: q, view, ids: new Set(r.value.ids) } : null });
      } else {
        set({ textHits: null, searching: false });
      }
      // The overview is narrowed in main, by these words too (its word index is ready now).
      if (view === 'all') await get().refreshList();
    },
    filters: NO_FILTERS,
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      scheduleNarrowing();
    },
  };
};
