import { useState } from 'react';
import { syncStatusLine } from '../../../shared/core/syncStatus.js';
import { useApp } from '../state/context.js';
import { SyncProgress } from '../ui/SyncProgress.js';

const TONE = { synced: 'ok', not_configured: 'muted', offline: 'warn', read_only: 'warn', newer_format: 'warn' } as const;

/** The sync's one line, why when it is not well, and a way to sync at once. */
export function SyncStatusBar() {
  const sync = useApp((s) => s.sync);
  const syncNow = useApp((s) => s.syncNow);
  const [busy, setBusy] = useState(false);
  if (!sync) return null;
  const skewMinutes = sync.clockSkewMs === null ? null : Math.round(Math.abs(sync.clockSkewMs) / 60_000);
  return (
    <section className="sync" aria-label="Sync">
      <p role="status" className={`sync-line tone-${TONE[sync.state]}`} title={sync.detail ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {syncStatusLine(sync)}
      </p>
      <SyncProgress sync={sync} />
      {sync.detail && sync.state !== 'synced' && <p className="sync-detail">{sync.detail}</p>}
      {skewMinutes !== null && (
        <p className="sync-detail">
          This computer&apos;s clock is {skewMinutes >= 2880 ? `${Math.round(skewMinutes / 1440)} days` : `${skewMinutes} min`}{' '}
          {sync.clockSkewMs! > 0 ? 'ahead of' : 'behind'} the shared folder; Interdesk uses the folder&apos;s time. Fix the clock in the system settings.
        </p>
      )}
      {sync.problems.length > 0 && (
        <details className="sync-problems">
          <summary>
            {sync.problems.length} sync problem{sync.problems.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {sync.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      )}
      <button
        type="button"
        className="link"
        disabled={busy || sync.state === 'not_configured'}
        onClick={() => {
          setBusy(true);
          void syncNow().finally(() => setBusy(false));
        }}
      >
        {busy ? 'Syncing…' : 'Sync now'}
      </button>
    </section>
  );
}
