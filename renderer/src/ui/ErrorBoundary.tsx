import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';

interface Props {
  /** What failed, as a person would name it: "This request", "The queue". */
  what: string;
  /** The way back: a button that leaves the broken place. */
  back: { label: string; onClick: () => void };
  /** A new value (another request, another screen) starts afresh. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

/**
 * Keeps one screen's or one pane's failure to itself (docs/sync.md §Containment): the rest of the
 * window stays, the place that failed says what happened, and a button leads out of it. Data from
 * the share is checked where it is folded, so reaching this is a bug; it must still never blank
 * the window.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Interdesk: ${this.props.what} could not be shown`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { what, back } = this.props;
    return (
      <section role="alert" className="failed-place">
        <h2>{what} could not be shown</h2>
        <p className="muted">
          {error.message || String(error)}. The rest of Interdesk works; if this repeats, restart Interdesk and report it with these words.
        </p>
        <button
          type="button"
          onClick={() => {
            this.setState({ error: null });
            back.onClick();
          }}
        >
          {back.label}
        </button>
      </section>
    );
  }
}
