import type { AppError } from '../../../../shared/contract/result.js';
import { MAX_DRAFTS } from '../draftShelf.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

export interface CommentDraft {
  body: string;
  internal: boolean;
}

export const EMPTY_DRAFT: CommentDraft = { body: '', internal: false };

/** Half-written replies and notes, one per request, kept while moving between requests (never sent to the wrong one). */
export interface DraftSlice {
  drafts: Readonly<Record<string, CommentDraft>>;
  editDraft(patch: Partial<CommentDraft>): void;
  /** Sends the open request's draft; it is cleared once sent, unless it was edited meanwhile. */
  sendDraft(): Promise<AppError | null>;
}

export const createDraftSlice = (set: SetState, get: GetState, { options }: StoreDeps): DraftSlice => {
  const keepDrafts = (drafts: Record<string, CommentDraft>): void => {
    const ids = Object.keys(drafts);
    const kept = ids.length > MAX_DRAFTS ? Object.fromEntries(ids.slice(-MAX_DRAFTS).map((id) => [id, drafts[id]!])) : drafts;
    set({ drafts: kept });
    options.drafts?.save(kept);
  };

  return {
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
  };
};
