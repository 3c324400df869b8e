import type { ApiOutputs, RequestList } from '../../../../shared/contract/api.js';
import type { QUEUE_VIEWS } from '../../../../shared/contract/schemas.js';
import type { Result } from '../../../../shared/contract/result.js';
import { isEverything } from '../../../../shared/core/changes.js';
import { patchRows } from '../../../../shared/model/queueNarrowing.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

export type View = (typeof QUEUE_VIEWS)[number];
export type Loadable = 'idle' | 'loading' | 'ready' | 'error';

/** The queue on screen: which view, with or without closed requests, and the list main sent for it. */
export interface ListSlice {
  view: View;
  showClosed: Record<View, boolean>;
  list: RequestList | null;
  listState: Loadable;
  listError: string | null;
  setView(view: View): Promise<void>;
  setShowClosed(show: boolean): Promise<void>;
  /** The view's list and its search again (the overview's list comes with its search). */
  reloadView(): Promise<void>;
  refreshList(): Promise<void>;
  /** A change named these requests: only their rows (and the counts) are fetched, and the list patched. */
  patchList(ids: readonly string[]): Promise<void>;
}

export const createListSlice = (set: SetState, get: GetState, { client }: StoreDeps): ListSlice => {
  /**
   * List fetches run one after another: a patch must land on the list as of before it, and an
   * answer must never be overtaken by an older one (the browser transport's requests can
   * arrive in any order).
   */
  let listTurn: Promise<unknown> = Promise.resolve();
  const inTurn = (fetch: () => Promise<void>): Promise<void> => {
    const turn = listTurn.then(fetch);
    listTurn = turn.catch(() => undefined);
    return turn;
  };

  const fetchWholeList = async (): Promise<void> => {
    const { view, showClosed, query, filters } = get();
    if (!get().list) set({ listState: 'loading' });
    const narrow = view === 'all' ? { narrow: { query, filters } } : {};
    const r: Result<ApiOutputs['listRequests']> = await client.listRequests({ view, includeClosed: showClosed[view], ...narrow });
    if (get().view !== view) return;
    set(r.ok ? { list: r.value, listState: 'ready', listError: null } : { listState: 'error', listError: r.error.message });
  };

  return {
    view: 'incoming',
    showClosed: { incoming: false, escalated: false, outgoing: true, waiting: false, assigned: false, watching: true, all: false },
    list: null,
    listState: 'idle',
    listError: null,
    async setView(view) {
      set({ screen: 'queue', view, list: null, listState: 'loading', cursorId: null, checked: new Set(), textHits: null });
      await get().reloadView();
    },
    async setShowClosed(show) {
      set({ showClosed: { ...get().showClosed, [get().view]: show } });
      await get().reloadView();
    },
    async reloadView() {
      if (get().view === 'all') return get().runSearch();
      await Promise.all([get().refreshList(), get().runSearch()]);
    },
    refreshList() {
      return inTurn(fetchWholeList);
    },
    patchList(ids) {
      return inTurn(async () => {
        const { view, showClosed, list } = get();
        if (!list || view === 'all' || isEverything(ids)) return fetchWholeList();
        const includeClosed = showClosed[view];
        const r = await client.listRequests({ view, includeClosed, only: [...ids] });
        const now = get();
        if (now.view !== view || now.showClosed[view] !== includeClosed || now.list !== list) return;
        if (!r.ok) return set({ listState: 'error', listError: r.error.message });
        const items = patchRows(list.items, ids, r.value.items);
        set({ list: { ...r.value, items, total: items.length }, listState: 'ready', listError: null });
      });
    },
  };
};
