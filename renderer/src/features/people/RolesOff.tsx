import { useState } from 'react';
import { useApp } from '../../state/context.js';

/**
 * People on a shared folder made before Interdesk knew people (docs/sync.md §Upgrading a share):
 * what that means, and turning roles on, which makes this person its first admin.
 */
export function RolesOff() {
  const turnOnRoles = useApp((s) => s.turnOnRoles);
  const department = useApp((s) => s.session?.profile?.department);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const turnOn = async () => {
    setBusy(true);
    setError((await turnOnRoles())?.message ?? null);
    setBusy(false);
  };
  return (
    <div className="settings-body">
      <p>This shared folder was set up before Interdesk knew people: anyone may act for any department, and nothing proves who did what.</p>
      <fieldset className="settings-section">
        <legend>Turn on roles</legend>
        <p className="muted">
          You become the folder's first admin and lead of {department ?? 'your department'}. Everything already on the folder stays as it was. Each colleague's
          computer asks to join their department after its next sync; you or the leads you appoint approve them here. Until then their requests arrive marked
          unverified, and their other changes wait. This cannot be undone.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div>
          <button type="button" className="primary" disabled={busy} onClick={() => void turnOn()}>
            {busy ? 'Turning roles on…' : 'Turn on roles'}
          </button>
        </div>
      </fieldset>
    </div>
  );
}
