import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** The new-request dialog: open or not, and sending. */
export interface ComposeSlice {
  composing: boolean;
  /** What the dialog opens with: a department (and a type of it) chosen from its service page or a search. */
  composeFor: { toDepartment: string; typeId?: string } | null;
  startRequest(prefill?: { toDepartment: string; typeId?: string }): void;
  cancelRequest(): void;
  createRequest(input: ApiInputs['createRequest']): Promise<AppError | null>;
}

export const createComposeSlice = (set: SetState, get: GetState, { client }: StoreDeps): ComposeSlice => ({
  composing: false,
  composeFor: null,
  startRequest(prefill) {
    set({ composing: true, composeFor: prefill ?? null });
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
});
