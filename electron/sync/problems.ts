import { sep } from 'node:path';
import type { SyncStore } from './syncStore.js';
/**
 * What the sync tells the user is wrong on the share (docs/sync.md §Faults and what the user
 * sees): a bad file is retried quietly and reported only once it has stayed bad for a while;
 * contradicting conflict copies and notes (a new device id) are reported at once.
 */
export class SyncProblems {
  /** Bad files by path: when first seen and why. */
  private readonly bad = new Map<string, { since: number; reason: string }>();
  private readonly quarantined = new Map<string, string>();
  private readonly notes: string[] = [];

  constructor(
    private readonly now: () => number,
    private readonly reportAfterMs: number,
  ) {}

  /**
   * A file that failed a check. One that may still be arriving is reported once it has stayed bad
   * for a while; a `whole` one (complete, and wrong) at once.
   */
  markBad(path: string, reason: string, whole = false): void {
    const seen = this.bad.get(path);
    this.bad.set(path, { since: whole ? Number.NEGATIVE_INFINITY : (seen?.since ?? this.now()), reason });
  }

  isBad(path: string): boolean {
    return this.bad.has(path);
  }

  cleared(path: string): void {
    this.bad.delete(path);
  }

  quarantine(path: string, why: string): void {
    this.quarantined.set(path, why);
  }

  isQuarantined(path: string): boolean {
    return this.quarantined.has(path);
  }

  /** A sentence for the user, said once however often it happens. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * Each problem as a sentence; files are named from the share's Interdesk folder (`root`), which
   * a sidebar can show and a person can find.
   */
  list(root?: string): string[] {
    const late = this.now() - this.reportAfterMs;
    const bad = [...this.bad].filter(([, b]) => b.since <= late).map(([path, b]) => `${path} cannot be used yet: ${b.reason}.`);
    const all = [...this.notes, ...this.quarantined.values(), ...bad];
    return root ? all.map((text) => text.replaceAll(`${root}${sep}`, '')) : all;
  }
}

/** The status's problems: what the local log holds that this build passes over, then the share's. */
export function statusProblems(
  store: Pick<SyncStore, 'foreign' | 'unreadable' | 'coverageProblems'>,
  problems: SyncProblems,
  shareRoot: string | undefined,
): string[] {
  const { foreign, unreadable } = store;
  const changes = (n: number) => `${n.toLocaleString('en')} change${n === 1 ? '' : 's'}`;
  return [
    ...(foreign ? [`${changes(foreign)} need${foreign === 1 ? 's' : ''} a newer Interdesk: kept on this computer, and shown once Interdesk is updated.`] : []),
    ...(unreadable
      ? [`${changes(unreadable)} in this computer's log could not be read (let in by an older Interdesk) and ${unreadable === 1 ? 'is' : 'are'} left out.`]
      : []),
    ...store.coverageProblems(),
    ...problems.list(shareRoot),
  ];
}
