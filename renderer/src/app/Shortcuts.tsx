import { Fragment, useEffect, useState } from 'react';
import type { AppStore } from '../state/store.js';
import { selectAllowedMoves } from '../state/selectors.js';
import { useAppStore } from '../state/context.js';
import { COMMENT_BOX_ID } from '../features/request/Conversation.js';

export const SHORTCUTS: [string, string][] = [
  ['j or ↓', 'Next request'],
  ['k or ↑', 'Previous request'],
  ['Enter', 'Open the request'],
  ['Esc', 'Close the request (or this sheet)'],
  ['/', 'Search this queue'],
  ['c', 'New request'],
  ['a', 'Acknowledge the open request'],
  ['r', 'Reply on the open request (Ctrl+Enter sends)'],
  ['n', 'Internal note on the open request (Ctrl+Enter adds it)'],
  ['x', 'Select the row for a bulk action (Incoming, Assigned to me)'],
  ['?', 'Show these shortcuts'],
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Switches the open request's draft to a reply or a note and puts the cursor in it. */
function writeComment(s: ReturnType<AppStore['getState']>, internal: boolean): void {
  s.editDraft({ internal });
  document.getElementById(COMMENT_BOX_ID)?.focus();
}

/** What a key does in the queue; null when it is not a shortcut here. */
function actionFor(store: AppStore, key: string, toggleSheet: () => void): (() => void) | null {
  const s = store.getState();
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return () => void s.moveCursor(1);
    case 'k':
    case 'ArrowUp':
      return () => void s.moveCursor(-1);
    case 'Enter':
      return s.cursorId ? () => void s.openCursor() : null;
    case 'Escape':
      return s.selectedId ? () => s.closeRequest() : null;
    case '/':
      return () => document.getElementById('queue-search')?.focus();
    case 'c':
      return () => s.startRequest();
    case 'a':
      return selectAllowedMoves(s).includes('acknowledged') ? () => void s.changeStatus('acknowledged') : null;
    case 'r':
    case 'n':
      return s.selectedId && document.getElementById(COMMENT_BOX_ID) ? () => writeComment(s, key === 'n') : null;
    case 'x':
      return s.cursorId && (s.view === 'incoming' || s.view === 'assigned') ? () => s.toggleChecked(s.cursorId!) : null;
    case '?':
      return toggleSheet;
    default:
      return null;
  }
}

/** Keyboard triage for the queue screen, and the sheet that lists it. */
export function Shortcuts() {
  const store = useAppStore();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = store.getState();
      if (s.composing || s.screen !== 'queue') return;
      if (open) {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          setOpen(false);
        }
        return;
      }
      const action = actionFor(store, e.key, () => setOpen(true));
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, open]);

  if (!open) return null;
  return (
    <div className="backdrop" onClick={() => setOpen(false)}>
      <div className="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="facts">
          {SHORTCUTS.map(([key, what]) => (
            <Fragment key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </Fragment>
          ))}
        </dl>
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={() => setOpen(false)} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
