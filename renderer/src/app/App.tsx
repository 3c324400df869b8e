import { useEffect } from 'react';
import { useApp } from '../state/context.js';
import { NewRequestDialog } from '../features/request/NewRequestDialog.js';
import { QueueView } from '../features/queue/QueueView.js';
import { RequestPane } from '../features/request/RequestPane.js';
import { SetupScreen } from '../features/setup/SetupScreen.js';
import { Sidebar } from './Sidebar.js';
import { DepartmentSettings } from '../features/settings/DepartmentSettings.js';
import { PreferencesScreen } from '../features/settings/PreferencesScreen.js';
import { Shortcuts } from './Shortcuts.js';
import { Toasts } from './Toasts.js';

export function App() {
  const session = useApp((s) => s.session);
  const sessionError = useApp((s) => s.sessionError);
  const loadSession = useApp((s) => s.loadSession);
  const composing = useApp((s) => s.composing);
  const selectedId = useApp((s) => s.selectedId);
  const screen = useApp((s) => s.screen);

  useEffect(() => void loadSession(), [loadSession]);

  if (sessionError)
    return (
      <p role="alert" className="state-message error">
        {sessionError}
      </p>
    );
  if (!session) return <p className="state-message muted">Starting Interdesk…</p>;
  if (!session.profile) return <SetupScreen />;
  return (
    <div className={`workspace${selectedId ? ' with-pane' : ''}`}>
      <Sidebar />
      <main className="content">
        {screen === 'settings' ? (
          <DepartmentSettings />
        ) : screen === 'preferences' ? (
          <PreferencesScreen />
        ) : (
          <>
            <QueueView />
            {/* Keyed by request: a half-filled form or an error of one request never shows on the next. */}
            <RequestPane key={selectedId ?? 'none'} />
          </>
        )}
      </main>
      {composing && <NewRequestDialog />}
      <Toasts />
      <Shortcuts />
    </div>
  );
}
