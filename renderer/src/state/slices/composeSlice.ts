import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** The new-request dialog: open or not, and sending. */
export interface ComposeSlice {
  composing: boolean;
  startRequest(): void;
  cancelRequest(): void;
  createRequest(input: ApiInputs['createRequest']): Promise<AppError | null>;
}

export const createComposeSlice = (set: SetState, get: GetState, { client }: StoreDeps): ComposeSlice => ({
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
});
