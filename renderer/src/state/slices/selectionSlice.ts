import type { BulkResult } from '../../../../shared/contract/api.js';
import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** Rows the keyboard is on and rows ticked for a bulk action. */
export interface SelectionSlice {
  /** Rows ticked for a bulk action. */
  checked: ReadonlySet<string>;
  toggleChecked(id: string): void;
  setChecked(ids: string[]): void;
  bulkUpdate(action: ApiInputs['bulkUpdate']['action']): Promise<BulkResult | AppError>;
  /** The row the keyboard is on (j/k), which Enter opens. */
  cursorId: string | null;
  moveCursor(delta: 1 | -1): Promise<void>;
  openCursor(): Promise<void>;
}

export const createSelectionSlice = (set: SetState, get: GetState, { client, selectors }: StoreDeps): SelectionSlice => ({
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
  cursorId: null,
  async moveCursor(delta) {
    const items = selectors.visibleItems(get());
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
});
