import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client.js';
import { App } from './app/App.js';
import { ErrorBoundary } from './ui/ErrorBoundary.js';
import { StoreProvider } from './state/context.js';
import { localDraftShelf } from './state/draftShelf.js';
import { applyEvent } from './state/applyEvent.js';
import { createAppStore } from './state/store.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const client = connect();
if ('error' in client) {
  root.render(
    <p role="alert" className="state-message error">
      {client.error}
    </p>,
  );
} else {
  // The desktop shell shows notifications natively; a browser page shows them itself.
  const store = createAppStore(client, { inPageNotifications: !window.interdesk, drafts: localDraftShelf() });
  client.onEvent((event) => applyEvent(store, event));
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        {/* The last resort: inner boundaries keep a failure to its screen or pane. */}
        <ErrorBoundary what="Interdesk" back={{ label: 'Reload Interdesk', onClick: () => window.location.reload() }}>
          <App />
        </ErrorBoundary>
      </StoreProvider>
    </StrictMode>,
  );
}
