/** Past this many, naming the requests a change touched helps nobody: it says "reload everything". */
export const NAMED_CHANGES_LIMIT = 500;

/**
 * Which requests a change touched, in the one form every part uses (a pull, a bulk action, the
 * `requestsChanged` event, a list patch): their ids, at most NAMED_CHANGES_LIMIT of them, or no
 * ids at all for "more than that: reload everything".
 */
export type ChangedIds = string[];

export const isEverything = (ids: readonly string[]): boolean => ids.length === 0;

/** Collects the requests a change touches, turning into "everything" past the limit. */
export class ChangeSet {
  private readonly ids = new Set<string>();
  private everything = false;

  static everything(): ChangeSet {
    const changes = new ChangeSet();
    changes.addEverything();
    return changes;
  }

  add(id: string): void {
    if (this.everything || this.ids.has(id)) return;
    if (this.ids.size >= NAMED_CHANGES_LIMIT) this.addEverything();
    else this.ids.add(id);
  }

  /** Ids in the form above: none means everything. */
  addAll(ids: readonly string[]): void {
    if (isEverything(ids)) this.addEverything();
    else for (const id of ids) this.add(id);
  }

  addEverything(): void {
    this.everything = true;
    this.ids.clear();
  }

  get isEmpty(): boolean {
    return !this.everything && this.ids.size === 0;
  }

  get isEverything(): boolean {
    return this.everything;
  }

  has(id: string): boolean {
    return this.everything || this.ids.has(id);
  }

  toIds(): ChangedIds {
    return [...this.ids];
  }
}
