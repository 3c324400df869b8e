import { format } from 'date-fns';

/** How the sync with the shared folder stands; pushed to the renderer whenever it changes. */
export interface SyncStatus {
  state: 'not_configured' | 'synced' | 'offline' | 'read_only' | 'newer_format';
  lastSyncAt: string | null;
  /** When the shared folder was last found unreachable, while it still is. */
  offlineSince: string | null;
  /** Own changes saved locally and not yet on the shared folder. */
  pending: number;
  /** The local clock's distance from the shared folder's, when it is large enough to matter. */
  clockSkewMs: number | null;
  /** Files that stayed unreadable, set-aside conflict copies, a new device id: each a sentence. */
  problems: string[];
  /** Why the folder is offline / read-only, in words. */
  detail: string | null;
  /** While a long pull is under way (a first sync, or after long offline): segment files applied of those listed. */
  receiving: { done: number; of: number } | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'not_configured',
  lastSyncAt: null,
  offlineSince: null,
  pending: 0,
  clockSkewMs: null,
  problems: [],
  detail: null,
  receiving: null,
};

const waiting = (n: number) => (n === 0 ? '' : ` — ${n} change${n === 1 ? '' : 's'} waiting`);
const hhmm = (iso: string) => format(new Date(iso), 'HH:mm');

/** The one line a status bar or a tray menu shows. */
export function syncStatusLine(s: SyncStatus): string {
  if (s.receiving)
    return `Receiving changes — ${Math.floor((100 * s.receiving.done) / Math.max(1, s.receiving.of))} % of ${s.receiving.of.toLocaleString('en')} files`;
  switch (s.state) {
    case 'not_configured':
      return 'No shared folder yet';
    case 'offline':
      return `Offline since ${s.offlineSince ? hhmm(s.offlineSince) : 'start'}${waiting(s.pending)}`;
    case 'read_only':
      return `Shared folder is read-only${waiting(s.pending)}`;
    case 'newer_format':
      return 'Shared folder needs a newer Interdesk — read-only';
    case 'synced':
      return s.pending > 0 ? `Syncing${waiting(s.pending)}` : `Synced${s.lastSyncAt ? ` at ${hhmm(s.lastSyncAt)}` : ''}`;
  }
}
