import type { AppEvent } from '../../../shared/contract/api.js';
import { isEverything } from '../../../shared/core/changes.js';
import type { AppStore } from './store.js';

/** Applies a push from main: the lists and the open request reload; nothing is polled. */
export function applyEvent(store: AppStore, event: AppEvent): void {
  const state = store.getState();
  switch (event.name) {
    case 'sessionChanged':
      store.setState({ session: event.payload });
      void state.refreshList();
      // Someone asked to join, or was answered: the People screen shows it.
      if (state.screen === 'people') void state.loadPeople();
      return;
    case 'syncStatusChanged':
      store.setState({ sync: event.payload });
      return;
    case 'configChanged':
      store.setState({ config: event.payload });
      // A colleague's schedule, or a calendar it falls in, changed.
      if (state.screen === 'recurring') void state.loadSchedules();
      return;
    case 'preferencesChanged':
      store.setState({ preferences: event.payload });
      return;
    case 'notification':
      state.addToast(event.payload);
      return;
    case 'focus': {
      const target = event.payload;
      if ('request' in target) void state.showRequest(target.request);
      else if (target.screen === 'preferences') state.openPreferences();
      else if (target.screen === 'people') state.openPeople();
      else if (target.screen === 'recurring') state.openRecurring();
      else if (target.screen === 'waiting') void state.setView('waiting');
      else void state.setView('incoming');
      return;
    }
  }
  if (!state.session?.profile) return;
  if (event.name === 'clocksMoved') {
    void state.refreshList();
    if (state.selectedId) void state.openRequest(state.selectedId);
    return;
  }
  const ids = event.payload.ids;
  // What a schedule asked for, and where its requests stand, may have moved.
  if (state.screen === 'recurring') void state.loadSchedules();
  // The words may match the changed requests differently now: search again. The overview's list
  // comes with its search, so it is not also fetched here.
  const searched = !!state.query.trim();
  if (searched) state.setQuery(state.query);
  if (!(searched && state.view === 'all')) void state.patchList(ids);
  if (state.selectedId && (isEverything(ids) || ids.includes(state.selectedId))) void state.openRequest(state.selectedId);
}
