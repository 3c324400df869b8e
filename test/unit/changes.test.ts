import { describe, expect, it } from 'vitest';
import { ChangeSet, NAMED_CHANGES_LIMIT, isEverything } from '../../shared/core/changes.js';

describe('ChangeSet: which requests a change touched, or everything', () => {
  it('names each request once, up to the limit', () => {
    const changes = new ChangeSet();
    expect(changes.isEmpty).toBe(true);
    for (const id of ['a', 'b', 'a']) changes.add(id);
    expect(changes.toIds()).toEqual(['a', 'b']);
    expect(changes.isEmpty).toBe(false);
  });

  it('says "everything" (no ids) past the limit, and stays so', () => {
    const changes = new ChangeSet();
    for (let i = 0; i <= NAMED_CHANGES_LIMIT; i++) changes.add(`r${i}`);
    expect(changes.isEverything).toBe(true);
    expect(isEverything(changes.toIds())).toBe(true);
    changes.add('more');
    expect(changes.toIds()).toEqual([]);
    expect(changes.has('anything')).toBe(true);
  });

  it('reads the same form back: no ids means everything', () => {
    const changes = new ChangeSet();
    changes.addAll(['x']);
    expect(changes.isEverything).toBe(false);
    changes.addAll([]);
    expect(changes.isEverything).toBe(true);
    expect(ChangeSet.everything().isEmpty).toBe(false);
  });
});
