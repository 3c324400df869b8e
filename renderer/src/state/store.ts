import { createStore } from 'zustand/vanilla';
import type { ApiOutputs, AppEvent, BulkResult, Config, Preferences, RequestList, Session } from '../../../shared/contract/api.js';
import { isEverything } from '../../../shared/core/changes.js';
import { patchRows } from '../../../shared/model/queueNarrowing.js';
import type { LinkKind } from '../../../shared/core/links.js';
import type { NotificationIntent } from '../../../shared/notify/policy.js';
import type { ApiInputs, QUEUE_VIEWS, SavedView } from '../../../shared/contract/schemas.js';
import type { AppError, Result } from '../../../shared/contract/result.js';
import type { RequestDetail } from '../../../shared/model/request.js';
import type { Priority } from '../../../shared/core/priority.js';
import type { Status } from '../../../shared/core/status.js';
import type { SyncStatus } from '../../../shared/core/syncStatus.js';
import type { ApiClient } from '../api/client.js';
import type { QueueFilters } from './filters.js';
import { NO_FILTERS } from './filters.js';
import type { DraftShelf } from './draftShelf.js';
import { MAX_DRAFTS } from './draftShelf.js';
import { selectVisibleItems } from './selectors.js';

export type View = (typeof QUEUE_VIEWS)[number];

/** What the main area shows: a queue, or the department's settings (calendar, policy, catalog). */
export type Screen = 'queue' | 'settings' | 'preferences';
type Loadable = 'idle' | 'loading' | 'ready' | 'error';

export interface SessionSlice {
  session: Session | null;
  sessionError: string | null;
  loadSession(): Promise<void>;
  completeSetup(input: ApiInputs['completeSetup']): Promise<AppError | null>;
  switchDepartment(department: string): Promise<AppError | null>;
}

export interface QueueSlice {
  screen: Screen;
  openSettings(): void;
  openPreferences(): void;
  view: View;
  showClosed: Record<View, boolean>;
  list: RequestList | null;
  listState: Loadable;
  listError: string | null;
  setView(view: View): Promise<void>;
  /** Words the list is narrowed to (title, key, type, people, departments here; details and comments in main). */
  query: string;
  setQuery(query: string): void;
  /** Requests whose details, comments or notes hold every word of `query`, as main answered for this view. */
  textHits: { query: string; view: View; ids: ReadonlySet<string> } | null;
  searching: boolean;
  /** Rows ticked for a bulk action. */
  checked: ReadonlySet<string>;
  toggleChecked(id: string): void;
  setChecked(ids: string[]): void;
  bulkUpdate(action: ApiInputs['bulkUpdate']['action']): Promise<BulkResult | AppError>;
  filters: QueueFilters;
  setFilters(patch: Partial<QueueFilters>): void;
  /** The row the keyboard is on (j/k), which Enter opens. */
  cursorId: string | null;
  moveCursor(delta: 1 | -1): Promise<void>;
  openCursor(): Promise<void>;
  setShowClosed(show: boolean): Promise<void>;
  refreshList(): Promise<void>;
  /** A change named these requests: only their rows (and the counts) are fetched, and the list patched. */
  patchList(ids: readonly string[]): Promise<void>;
}

export interface DetailSlice {
  selectedId: string | null;
  detail: RequestDetail | null;
  detailState: Loadable;
  detailError: string | null;
  openRequest(id: string): Promise<void>;
  closeRequest(): void;
  changeStatus(status: Status, options?: { note?: string; resumeAt?: string }): Promise<AppError | null>;
  changePriority(priority: Priority): Promise<AppError | null>;
  assignRequest(assignee: string | null): Promise<AppError | null>;
  addComment(body: string, internal?: boolean): Promise<AppError | null>;
  /** What is being written on each request, kept while moving between requests (never sent to the wrong one). */
  drafts: Readonly<Record<string, CommentDraft>>;
  editDraft(patch: Partial<CommentDraft>): void;
  /** Sends the open request's draft; it is cleared once sent, unless it was edited meanwhile. */
  sendDraft(): Promise<AppError | null>;
  watchRequest(watching: boolean): Promise<AppError | null>;
  linkRequest(kind: LinkKind, other: string, linked: boolean): Promise<AppError | null>;
  addAttachment(file: { name: string; mime: string; data: string }): Promise<AppError | null>;
  /** The attachment's bytes (base64) to save or open, or the reason it cannot be had now. */
  getAttachment(attachment: string): Promise<ApiOutputs['getAttachment'] | AppError>;
}

export interface CommentDraft {
  body: string;
  internal: boolean;
}

export const EMPTY_DRAFT: CommentDraft = { body: '', internal: false };

export interface ComposeSlice {
  composing: boolean;
  startRequest(): void;
  cancelRequest(): void;
  createRequest(input: ApiInputs['createRequest']): Promise<AppError | null>;
}

export interface ConfigSlice {
  config: Config | null;
  loadConfig(): Promise<void>;
  saveDepartmentConfig(input: ApiInputs['saveDepartmentConfig']): Promise<AppError | null>;
  addDepartment(name: string): Promise<AppError | null>;
}

export interface NotificationSlice {
  /** Whether notifications are shown inside the page (browser transport; the desktop shows them natively). */
  inPageNotifications: boolean;
  toasts: NotificationIntent[];
  preferences: Preferences | null;
  dismissToast(id: string): void;
  /** A click on a notification: its request, or the Incoming queue for a summary. */
  followToast(intent: NotificationIntent): Promise<void>;
  /** Brings a request to the front (from a toast, the tray or a native notification); null: the Incoming queue. */
  showRequest(id: string | null): Promise<void>;
  loadPreferences(): Promise<void>;
  updatePreferences(input: ApiInputs['updatePreferences']): Promise<AppError | null>;
  pauseNotifications(until: string | null): Promise<AppError | null>;
  /** Keeps the queue as it is now (view, search, filters, order) under a name. */
  saveCurrentView(name: string): Promise<AppError | null>;
  applySavedView(view: SavedView): Promise<void>;
  deleteSavedView(name: string): Promise<AppError | null>;
}

export interface SyncSlice {
  sync: SyncStatus | null;
  syncNow(): Promise<void>;
}

export type AppState = SessionSlice & QueueSlice & DetailSlice & ComposeSlice & ConfigSlice & NotificationSlice & SyncSlice;

export interface AppStoreOptions {
  /** Show notification intents as toasts in the page (true outside the desktop shell). */
  inPageNotifications?: boolean;
  /** Keeps half-written replies across starts of the window; without one they last as long as it. */
  drafts?: DraftShelf;
}

/** A pause in typing before main is asked to search details and comments. */
const SEARCH_DELAY_MS = 120;

/** `fn`, run once changes have paused for SEARCH_DELAY_MS. */
function afterPause(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, SEARCH_DELAY_MS);
  };
}

/** At most this many toasts at once; older ones make room. */
const MAX_TOASTS = 4;
export type AppStore = ReturnType<typeof createAppStore>;

/**
 * One store from slices. Every change is a named action; every action that changes shared data
 * goes through the contract and then reloads what it changed, so the store never guesses.
 */
export function createAppStore(client: ApiClient, options: AppStoreOptions = {}) {
  return createStore<AppState>()((set, get) => {
    /** Runs a mutating call; on success applies its detail to the open request. */
    const mutate = async (result: Promise<Result<RequestDetail>>): Promise<AppError | null> => {
      const r = await result;
      if (!r.ok) return r.error;
      if (get().selectedId === r.value.id) set({ detail: r.value, detailState: 'ready', detailError: null });
      return null;
    };

    /** Runs a call whose answer replaces one part of the state; answers the error, or null. */
    const keep = async <K extends 'config' | 'preferences'>(key: K, result: Promise<Result<NonNullable<AppState[K]>>>): Promise<AppError | null> => {
      const r = await result;
      if (!r.ok) return r.error;
      set({ [key]: r.value } as Pick<AppState, K>);
      return null;
    };

    /** Asks main which requests of the view hold the words in their details and comments. */
    const searchText = async (): Promise<void> => {
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
    };
    /** A view's list and its search: the overview's list comes with its search, the others' beside it. */
    const reloadView = async (): Promise<void> => {
      if (get().view === 'all') return searchText();
      await Promise.all([get().refreshList(), searchText()]);
    };
    const scheduleSearch = afterPause(() => void searchText());
    /** The overview is narrowed in main: a change of filters asks again. */
    const scheduleNarrowing = afterPause(() => {
      if (get().view === 'all') void get().refreshList();
    });

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

    const keepDrafts = (drafts: Record<string, CommentDraft>): void => {
      const ids = Object.keys(drafts);
      const kept = ids.length > MAX_DRAFTS ? Object.fromEntries(ids.slice(-MAX_DRAFTS).map((id) => [id, drafts[id]!])) : drafts;
      set({ drafts: kept });
      options.drafts?.save(kept);
    };

    const fetchWholeList = async (): Promise<void> => {
      const { view, showClosed, query, filters } = get();
      if (!get().list) set({ listState: 'loading' });
      const narrow = view === 'all' ? { narrow: { query, filters } } : {};
      const r: Result<ApiOutputs['listRequests']> = await client.listRequests({ view, includeClosed: showClosed[view], ...narrow });
      if (get().view !== view) return;
      set(r.ok ? { list: r.value, listState: 'ready', listError: null } : { listState: 'error', listError: r.error.message });
    };

    const loadDetail = async (id: string): Promise<void> => {
      const r = await client.getRequest({ id });
      if (get().selectedId !== id) return;
      set(r.ok ? { detail: r.value, detailState: 'ready', detailError: null } : { detailState: 'error', detailError: r.error.message });
    };

    return {
      session: null,
      sessionError: null,
      async loadSession() {
        const [r, sync, config, preferences] = await Promise.all([
          client.getSession({}),
          client.getSyncStatus({}),
          client.getConfig({}),
          client.getPreferences({}),
        ]);
        if (preferences.ok) set({ preferences: preferences.value });
        set(r.ok ? { session: r.value, sessionError: null } : { sessionError: r.error.message });
        if (sync.ok) set({ sync: sync.value });
        if (config.ok) set({ config: config.value });
        if (r.ok && r.value.profile) await get().refreshList();
      },
      async completeSetup(input) {
        const r = await client.completeSetup(input);
        if (!r.ok) return r.error;
        set({ session: r.value });
        await Promise.all([get().refreshList(), get().loadConfig()]);
        return null;
      },
      async switchDepartment(department) {
        const r = await client.updateProfile({ department });
        if (!r.ok) return r.error;
        set({ session: r.value, selectedId: null, detail: null, detailState: 'idle' });
        await get().refreshList();
        return null;
      },

      screen: 'queue',
      openSettings() {
        set({ screen: 'settings', selectedId: null, detail: null, detailState: 'idle' });
      },
      openPreferences() {
        set({ screen: 'preferences', selectedId: null, detail: null, detailState: 'idle' });
        void get().loadPreferences();
      },
      query: '',
      setQuery(query) {
        set({ query });
        scheduleSearch();
      },
      textHits: null,
      searching: false,
      checked: new Set(),
      toggleChecked(id) {
        const next = new Set(get().checked);
        if (!next.delete(id)) next.add(id);
        set({ checked: next });
      },
      setChecked(ids) {
        set({ checked: new Set(ids) });
      },
      async bulkUpdate(action) {
        const ids = [...get().checked];
        const r = await client.bulkUpdate({ ids, action });
        if (!r.ok) return r.error;
        // The list reloads on the change main pushes.
        set({ checked: new Set() });
        return r.value;
      },
      filters: NO_FILTERS,
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        scheduleNarrowing();
      },
      cursorId: null,
      async moveCursor(delta) {
        const items = selectVisibleItems(get());
        if (!items.length) return;
        const from = items.findIndex((r) => r.id === (get().cursorId ?? get().selectedId));
        const next = items[from < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, from + delta))]!;
        set({ cursorId: next.id });
        // With a request open, the pane follows the keyboard (triage without Enter each time).
        if (get().selectedId && get().selectedId !== next.id) await get().openRequest(next.id);
      },
      async openCursor() {
        const id = get().cursorId;
        if (id) await get().openRequest(id);
      },
      view: 'incoming',
      showClosed: { incoming: false, outgoing: true, assigned: false, watching: true, all: false },
      list: null,
      listState: 'idle',
      listError: null,
      async setView(view) {
        set({ screen: 'queue', view, list: null, listState: 'loading', cursorId: null, checked: new Set(), textHits: null });
        await reloadView();
      },
      async setShowClosed(show) {
        set({ showClosed: { ...get().showClosed, [get().view]: show } });
        await reloadView();
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

      selectedId: null,
      detail: null,
      detailState: 'idle',
      detailError: null,
      async openRequest(id) {
        set({ selectedId: id, detailState: 'loading', detailError: null, detail: get().detail?.id === id ? get().detail : null });
        await loadDetail(id);
      },
      closeRequest() {
        set({ selectedId: null, detail: null, detailState: 'idle', detailError: null });
      },
      changeStatus(status, options = {}) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        const { note, resumeAt } = options;
        return mutate(client.changeStatus({ id, status, ...(note ? { note } : {}), ...(resumeAt ? { resumeAt } : {}) }));
      },
      changePriority(priority) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.changePriority({ id, priority }));
      },
      assignRequest(assignee) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.assignRequest({ id, assignee }));
      },
      addComment(body, internal = false) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.addComment({ id, body, internal }));
      },
      drafts: options.drafts?.load() ?? {},
      editDraft(patch) {
        const id = get().selectedId;
        if (!id) return;
        const next = { ...(get().drafts[id] ?? EMPTY_DRAFT), ...patch };
        // Re-added last, so the oldest draft is first in line to give way.
        const { [id]: _old, ...others } = get().drafts;
        keepDrafts(next.body || next.internal ? { ...others, [id]: next } : others);
      },
      async sendDraft() {
        const id = get().selectedId;
        const draft = id ? get().drafts[id] : undefined;
        if (!id || !draft?.body.trim()) return null;
        const err = await get().addComment(draft.body, draft.internal);
        if (!err && get().drafts[id] === draft) {
          const { [id]: _sent, ...others } = get().drafts;
          keepDrafts(others);
        }
        return err;
      },
      watchRequest(watching) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.watchRequest({ id, watching }));
      },
      linkRequest(kind, other, linked) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.linkRequest({ id, kind, other, linked }));
      },
      addAttachment(file) {
        const id = get().selectedId;
        if (!id) return Promise.resolve(null);
        return mutate(client.addAttachment({ id, ...file }));
      },
      async getAttachment(attachment) {
        const id = get().selectedId;
        if (!id) return { code: 'not_found', message: 'Open the request first.' };
        const r = await client.getAttachment({ id, attachment });
        return r.ok ? r.value : r.error;
      },

      config: null,
      async loadConfig() {
        const r = await client.getConfig({});
        if (r.ok) set({ config: r.value });
      },
      saveDepartmentConfig(input) {
        return keep('config', client.saveDepartmentConfig(input));
      },
      addDepartment(name) {
        return keep('config', client.addDepartment({ name }));
      },

      inPageNotifications: options.inPageNotifications ?? false,
      toasts: [],
      preferences: null,
      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },
      async followToast(intent) {
        get().dismissToast(intent.id);
        await get().showRequest(intent.requestId);
      },
      async showRequest(id) {
        if (!id) return get().setView('incoming');
        if (get().screen !== 'queue') set({ screen: 'queue' });
        await get().openRequest(id);
      },
      async loadPreferences() {
        const r = await client.getPreferences({});
        if (r.ok) set({ preferences: r.value });
      },
      updatePreferences(input) {
        return keep('preferences', client.updatePreferences(input));
      },
      saveCurrentView(name) {
        const { view, query, filters } = get();
        return keep('preferences', client.saveView({ name, view, query, filters }));
      },
      async applySavedView(saved) {
        set({ query: saved.query, filters: saved.filters });
        await get().setView(saved.view);
      },
      deleteSavedView(name) {
        return keep('preferences', client.deleteView({ name }));
      },
      pauseNotifications(until) {
        return keep('preferences', client.pauseNotifications({ until }));
      },

      sync: null,
      async syncNow() {
        const r = await client.syncNow({});
        if (r.ok) set({ sync: r.value });
      },

      composing: false,
      startRequest() {
        set({ composing: true });
      },
      cancelRequest() {
        set({ composing: false });
      },
      async createRequest(input) {
        const r = await client.createRequest(input);
        if (!r.ok) return r.error;
        set({ composing: false, selectedId: r.value.id, detail: r.value, detailState: 'ready' });
        await get().setView('outgoing');
        return null;
      },
    };
  });
}

/** Applies a push from main: the lists and the open request reload; nothing is polled. */
export function applyEvent(store: AppStore, event: AppEvent): void {
  const state = store.getState();
  if (event.name === 'sessionChanged') {
    store.setState({ session: event.payload });
    void state.refreshList();
    return;
  }
  if (event.name === 'syncStatusChanged') {
    store.setState({ sync: event.payload });
    return;
  }
  if (event.name === 'configChanged') {
    store.setState({ config: event.payload });
    return;
  }
  if (event.name === 'preferencesChanged') {
    store.setState({ preferences: event.payload });
    return;
  }
  if (event.name === 'notification') {
    if (state.inPageNotifications) store.setState({ toasts: [...state.toasts, event.payload].slice(-MAX_TOASTS) });
    return;
  }
  if (event.name === 'focus') {
    const target = event.payload;
    if ('request' in target) void state.showRequest(target.request);
    else if (target.screen === 'preferences') state.openPreferences();
    else void state.setView('incoming');
    return;
  }
  if (!state.session?.profile) return;
  if (event.name === 'clocksMoved') {
    void state.refreshList();
    if (state.selectedId) void state.openRequest(state.selectedId);
    return;
  }
  const ids = event.payload.ids;
  // The words may match the changed requests differently now: search again. The overview's list
  // comes with its search, so it is not also fetched here.
  const searched = !!state.query.trim();
  if (searched) state.setQuery(state.query);
  if (!(searched && state.view === 'all')) void state.patchList(ids);
  if (state.selectedId && (ids.length === 0 || ids.includes(state.selectedId))) void state.openRequest(state.selectedId);
}
