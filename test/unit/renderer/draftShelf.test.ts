import { describe, expect, it } from 'vitest';
import { localDraftShelf } from '../../../renderer/src/state/draftShelf.js';

/** A Storage whose contents the test sets, and which can refuse to write (full, or switched off). */
function storage(initial: Record<string, string> = {}, refuse = false): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      items.set(k, v);
    },
  };
}

describe('the draft shelf in the page’s storage', () => {
  it('gives back what it kept, and drops entries that are not drafts', () => {
    const page = storage();
    localDraftShelf(page).save({ a: { body: 'Hello', internal: false } });
    expect(localDraftShelf(page).load()).toEqual({ a: { body: 'Hello', internal: false } });
    const tampered = storage({ 'interdesk.drafts.v1': JSON.stringify({ a: { body: 'Kept', internal: true }, b: { body: 3 }, c: 'text' }) });
    expect(localDraftShelf(tampered).load()).toEqual({ a: { body: 'Kept', internal: true } });
  });

  it('starts empty on unreadable contents or no storage, and a refused write costs only the draft', () => {
    expect(localDraftShelf(storage({ 'interdesk.drafts.v1': '{not json' })).load()).toEqual({});
    expect(localDraftShelf(undefined).load()).toEqual({});
    expect(() => localDraftShelf(storage({}, true)).save({ a: { body: 'x', internal: false } })).not.toThrow();
  });
});
