import type { CommentDraft } from './slices/draftSlice.js';

/** Where half-written replies wait between starts of the window. */
export interface DraftShelf {
  load(): Record<string, CommentDraft>;
  save(drafts: Readonly<Record<string, CommentDraft>>): void;
}

/** Drafts kept at most: the oldest give way (a draft is a few lines, not an archive). */
export const MAX_DRAFTS = 50;
const KEY = 'interdesk.drafts.v1';

const isDraft = (d: unknown): d is CommentDraft =>
  typeof d === 'object' && d !== null && typeof (d as CommentDraft).body === 'string' && typeof (d as CommentDraft).internal === 'boolean';

/** The page's localStorage, or none where reading it is refused (it throws on an opaque origin). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The page's own storage. A draft is the window's state, not the requests' data (that stays with
 * main), so it is kept beside the page; storage that is full or switched off only costs the draft.
 */
export function localDraftShelf(storage: Storage | undefined = pageStorage()): DraftShelf {
  return {
    load() {
      try {
        const saved = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
        return Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, CommentDraft] => isDraft(entry[1])));
      } catch {
        return {};
      }
    },
    save(drafts) {
      try {
        storage?.setItem(KEY, JSON.stringify(drafts));
      } catch {
        // Full or refused: the draft lives on in the window until it closes.
      }
    },
  };
}
