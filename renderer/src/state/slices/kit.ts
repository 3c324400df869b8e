import type { AppError, Result } from '../../../../shared/contract/result.js';
import type { RequestDetail } from '../../../../shared/model/request.js';
import type { ApiClient } from '../../api/client.js';
import type { DraftShelf } from '../draftShelf.js';
import type { QueueSelectors } from '../queueSelectors.js';
import type { AppState } from '../store.js';

export type SetState = (partial: Partial<AppState>) => void;
export type GetState = () => AppState;

export interface AppStoreOptions {
  /** Show notification intents as toasts in the page (true outside the desktop shell). */
  inPageNotifications?: boolean;
  /** Keeps half-written replies across starts of the window; without one they last as long as it. */
  drafts?: DraftShelf;
}

/** What every slice is given besides set and get: the contract, the store's options and its memoized selectors. */
export interface StoreDeps {
  client: ApiClient;
  options: AppStoreOptions;
  selectors: QueueSelectors;
}

/** Runs a call that changes the open request; on success shows its new state. Answers the error, or null. */
export async function applyToOpenRequest(set: SetState, get: GetState, result: Promise<Result<RequestDetail>>): Promise<AppError | null> {
  const r = await result;
  if (!r.ok) return r.error;
  if (get().selectedId === r.value.id) set({ detail: r.value, detailState: 'ready', detailError: null });
  return null;
}

/** Runs a call whose answer replaces one part of the state; answers the error, or null. */
export async function keepAnswer<K extends 'config' | 'preferences' | 'people'>(
  set: SetState,
  key: K,
  result: Promise<Result<NonNullable<AppState[K]>>>,
): Promise<AppError | null> {
  const r = await result;
  if (!r.ok) return r.error;
  set({ [key]: r.value } as Partial<AppState>);
  return null;
}

/** `fn`, run once calls have paused for `ms`. */
export function afterPause(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
