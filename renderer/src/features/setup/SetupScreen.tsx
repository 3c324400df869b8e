import type { FormEvent } from 'react';
import { useState } from 'react';
import { syncStatusLine } from '../../../../shared/core/syncStatus.js';
import { useApp } from '../../state/context.js';
import { SyncProgress } from '../../ui/SyncProgress.js';

export function SetupScreen() {
  const session = useApp((s) => s.session)!;
  const completeSetup = useApp((s) => s.completeSetup);
  const sync = useApp((s) => s.sync);
  const [name, setName] = useState('');
  const [department, setDepartment] = useState('');
  const [sharePath, setSharePath] = useState(session.defaultSharePath);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const err = await completeSetup({ name, department, sharePath });
    setBusy(false);
    setError(err?.message ?? null);
  };

  return (
    <main className="setup">
      <form className="setup-card" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">Welcome to Interdesk</h1>
        <p className="muted">Requests between departments, with due dates everyone can see. Three things, and you are in.</p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required autoComplete="name" />
        </label>
        <label>
          Your department
          <select value={department} onChange={(e) => setDepartment(e.target.value)} required>
            <option value="" disabled>
              Choose…
            </option>
            {session.departments.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <div className="field">
          <label>
            Shared folder
            <input value={sharePath} onChange={(e) => setSharePath(e.target.value)} required spellCheck={false} aria-describedby="share-hint" />
          </label>
          <p id="share-hint" className="hint">
            The folder your team syncs through: a network drive, or a Syncthing, Dropbox or OneDrive folder. The default, inside Interdesk&apos;s data folder,
            works on this computer alone; you can change it later.
          </p>
          <p className="hint">
            On a folder your team already uses, you start as unverified: a lead of your department approves you on their People screen. Until then you can send
            requests and read what everyone may read. The first computer on a new folder is its admin.
          </p>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Setting up…' : 'Start using Interdesk'}
        </button>
        {/* Joining a share in use reads all of it first: at a million changes, seconds (minutes on a slow network drive). */}
        {busy && (
          <div className="setup-progress">
            <p role="status" className="muted">
              {sync?.receiving ? syncStatusLine(sync) : 'Joining the shared folder…'}
            </p>
            {sync && <SyncProgress sync={sync} />}
          </div>
        )}
      </form>
    </main>
  );
}
