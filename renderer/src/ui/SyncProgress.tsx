import type { SyncStatus } from '../../../shared/core/syncStatus.js';

/** How far a long pull is (a first sync, or after long offline), as a bar; nothing otherwise. */
export function SyncProgress({ sync }: { sync: SyncStatus }) {
  if (!sync.receiving) return null;
  return <progress className="sync-progress" aria-label="Receiving changes" max={sync.receiving.of} value={sync.receiving.done} />;
}
