import { addDays, addHours, setHours, startOfDay } from 'date-fns';
import { useEffect, useState } from 'react';
import { NOTIFY_KINDS, NOTIFY_KIND_LABELS, isPaused } from '../../../../shared/notify/policy.js';
import { useApp } from '../../state/context.js';
import { formatWhen } from '../../ui/format.js';

/** The person's own choices on this machine. */
export function PreferencesScreen() {
  const preferences = useApp((s) => s.preferences);
  const loadPreferences = useApp((s) => s.loadPreferences);
  const updatePreferences = useApp((s) => s.updatePreferences);
  const pauseNotifications = useApp((s) => s.pauseNotifications);
  const desktop = useApp((s) => !s.inPageNotifications);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!preferences) void loadPreferences();
  }, [preferences, loadPreferences]);

  if (!preferences) return <p className="state-message muted">Loading preferences…</p>;
  const now = new Date();
  const paused = isPaused(preferences.pausedUntil, now);
  const act = async (p: Promise<{ message: string } | null>) => setError((await p)?.message ?? null);

  return (
    <section className="settings" aria-labelledby="preferences-title">
      <header className="queue-header">
        <h1 id="preferences-title">Preferences</h1>
      </header>
      <div className="settings-body">
        <fieldset className="settings-section">
          <legend>Notify me about</legend>
          {NOTIFY_KINDS.map((kind) => (
            <label key={kind} className="toggle">
              <input
                type="checkbox"
                checked={preferences.notifications[kind]}
                onChange={(e) => void act(updatePreferences({ notifications: { [kind]: e.target.checked } }))}
              />
              {NOTIFY_KIND_LABELS[kind]}
            </label>
          ))}
          <p className="muted small">
            Notifications wait outside your department’s working hours and are summarised when it opens; a burst (coming back online) is one summary.
          </p>
        </fieldset>
        <fieldset className="settings-section">
          <legend>Pause</legend>
          <p>{paused ? `Notifications are paused until ${formatWhen(preferences.pausedUntil!)}.` : 'Notifications are on.'}</p>
          <div className="row-form">
            <button type="button" onClick={() => void act(pauseNotifications(addHours(now, 1).toISOString()))}>
              Pause for 1 hour
            </button>
            <button type="button" onClick={() => void act(pauseNotifications(setHours(startOfDay(addDays(now, 1)), 8).toISOString()))}>
              Pause until tomorrow
            </button>
            {paused && (
              <button type="button" onClick={() => void act(pauseNotifications(null))}>
                Resume now
              </button>
            )}
          </div>
        </fieldset>
        {desktop && (
          <fieldset className="settings-section">
            <legend>Desktop</legend>
            <label className="toggle">
              <input type="checkbox" checked={preferences.openAtLogin} onChange={(e) => void act(updatePreferences({ openAtLogin: e.target.checked }))} />
              Start Interdesk when I log in
            </label>
          </fieldset>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
