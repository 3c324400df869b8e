import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoverageState } from './coverageCheck.js';
import { writeFileDurably } from './durableFile.js';

/**
 * What the local store remembers about its place in the sync, beside the operation log:
 * - deviceId: the id this replica writes under (it changes when a clone is detected);
 * - flushedSeq: the last own operation known to be in a segment on the share;
 * - shareId: the id in the share's format.json, so an emptied share is not mistaken for a new one;
 * - renaming: a re-identification in progress (docs/sync.md §Duplicate device id).
 */
export interface SyncState extends CoverageState {
  deviceId: string;
  flushedSeq: number;
  shareId: string | null;
  renaming: { from: string; afterSeq: number } | null;
  /**
   * When the share was created (ms), as its format.json said when this device first met it: a
   * rewritten format.json cannot move it, and a configuration seed dated before it is refused.
   */
  shareCreatedAt?: number;
  /** When the device id last changed (ms): it changes at most once a day, however often a clone shows. */
  renamedAt?: number;
  /**
   * The public key each device folder published when this device first read its device.json
   * (null: it published none), pinned like SSH's known hosts (docs/sync.md §Trust).
   */
  keys?: Record<string, string | null>;
  /** Ids this device wrote under before it took a new one: what it wrote under them is its own (its key's). */
  formerIds?: string[];
  /**
   * The share's root key, pinned from its format.json (or, on a share made before keys, its
   * upgrade statement) when this device first met it; absent on a share from before keys.
   */
  root?: string;
}

/** The saved state, or null on a fresh install. */
export function loadSyncState(dir: string): SyncState | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'sync-state.json'), 'utf8')) as SyncState;
  } catch {
    return null;
  }
}

export function saveSyncState(dir: string, state: SyncState): void {
  writeFileDurably(join(dir, 'sync-state.json'), JSON.stringify(state));
}
