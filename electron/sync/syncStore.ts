import type { RequestStore } from '../store/requestStore.js';

/** What the sync engine needs of the local store: its cursors, its outbox and the ways in for what the share brings. */
export type SyncStore = Pick<
  RequestStore,
  | 'deviceId'
  | 'shareId'
  | 'flushedSeq'
  | 'pending'
  | 'pendingCount'
  | 'isOwn'
  | 'markFlushed'
  | 'joinShare'
  | 'reidentify'
  | 'renamedAt'
  | 'setClockCorrection'
  | 'clockNow'
  | 'maxSeq'
  | 'ingest'
  | 'ingestNext'
  | 'pulled'
  | 'isEmpty'
  | 'opCount'
  | 'foreign'
  | 'unreadable'
  | 'joining'
  | 'lineCount'
  | 'line'
  | 'latestClock'
  | 'index'
  | 'appendHistory'
  | 'adoptIndex'
  | 'abandonHistory'
>;
