import { ReviewsScreen } from '../features/reviews/ReviewsScreen.js';
import { RecurringScreen } from '../features/recurring/RecurringScreen.js';
import { ServicesScreen } from '../features/services/ServicesScreen.js';
import { useEffect } from 'react';
import { useApp } from '../state/context.js';
import { NewRequestDialog } from '../features/request/NewRequestDialog.js';
import { LaunchDialog } from '../features/chains/LaunchDialog.js';
import { QueueView } from '../features/queue/QueueView.js';
import { RequestPane } from '../features/request/RequestPane.js';
import { SetupScreen } from '../features/setup/SetupScreen.js';
import { Sidebar } from './Sidebar.js';
import { DepartmentSettings } from '../features/settings/DepartmentSettings.js';
import { PreferencesScreen } from '../features/settings/PreferencesScreen.js';
import { PeopleScreen } from '../features/people/PeopleScreen.js';
import { Shortcuts } from './Shortcuts.js';
import { Toasts } from './Toasts.js';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';

export function App() {
  const session = useApp((s) => s.session);
  const sessionError = useApp((s) => s.sessionError);
  const loadSession = useApp((s) => s.loadSession);
  const composing = useApp((s) => s.composing);
  const launching = useApp((s) => s.launching);
  const cancelLaunch = useApp((s) => s.cancelLaunch);
  const selectedId = useApp((s) => s.selectedId);
  const screen = useApp((s) => s.screen);
  const setView = useApp((s) => s.setView);
  const closeRequest = useApp((s) => s.closeRequest);
  const cancelRequest = useApp((s) => s.cancelRequest);
  const toQueue = { label: 'Back to Incoming', onClick: () => void setView('incoming') };

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
        {/* Each screen and the pane fail on their own: the sidebar and the rest stay, with a way back. */}
        {screen === 'settings' ? (
          <ErrorBoundary what="Settings" back={toQueue} resetKey={screen}>
            <DepartmentSettings />
          </ErrorBoundary>
        ) : screen === 'preferences' ? (
          <ErrorBoundary what="Preferences" back={toQueue} resetKey={screen}>
            <PreferencesScreen />
          </ErrorBoundary>
        ) : screen === 'reviews' ? (
          <ErrorBoundary what="Reviews" back={toQueue} resetKey={screen}>
            <ReviewsScreen />
          </ErrorBoundary>
        ) : screen === 'services' ? (
          <ErrorBoundary what="Departments" back={toQueue} resetKey={screen}>
            <ServicesScreen />
          </ErrorBoundary>
        ) : screen === 'recurring' ? (
          <ErrorBoundary what="Recurring requests" back={toQueue} resetKey={screen}>
            <RecurringScreen />
          </ErrorBoundary>
        ) : screen === 'people' ? (
          <ErrorBoundary what="People" back={toQueue} resetKey={screen}>
            <PeopleScreen />
          </ErrorBoundary>
        ) : (
          <>
            <ErrorBoundary what="The queue" back={toQueue} resetKey={screen}>
              <QueueView />
            </ErrorBoundary>
            {/* Keyed by request: a half-filled form or an error of one request never shows on the next. */}
            <ErrorBoundary key={selectedId ?? 'none'} what="This request" back={{ label: 'Close this request', onClick: closeRequest }}>
              <RequestPane />
            </ErrorBoundary>
          </>
        )}
      </main>
      {composing && (
        <ErrorBoundary what="New request" back={{ label: 'Close', onClick: cancelRequest }}>
          <NewRequestDialog />
        </ErrorBoundary>
      )}
      {launching && (
        <ErrorBoundary what="The template" back={{ label: 'Close', onClick: cancelLaunch }}>
          <LaunchDialog />
        </ErrorBoundary>
      )}
      <Toasts />
      <Shortcuts />
    </div>
  );
}
