import type { FormEvent } from 'react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { format } from 'date-fns';
import type { HistoryEntry, Status } from '../../../shared/model/request.js';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../shared/model/request.js';
import { isOpen } from '../../../shared/model/status.js';
import { useApp } from '../state/context.js';
import { selectAllowedMoves, selectSide } from '../state/selectors.js';
import { DueLabel, PriorityBadge, StatusBadge } from './badges.js';
import { useNow } from './useNow.js';

const MOVE_LABELS: Record<Exclude<Status, 'new'>, string> = {
  acknowledged: 'Acknowledge',
  in_progress: 'Start work',
  waiting_on_requester: 'Wait on requester',
  done: 'Mark done',
  declined: 'Decline',
  cancelled: 'Cancel request',
};

const when = (iso: string) => format(new Date(iso), 'EEE d MMM yyyy, HH:mm');

function describe(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'created':
      return 'created the request';
    case 'comment':
      return 'commented';
    case 'status':
      return `changed status ${entry.from ? `from ${STATUS_LABELS[entry.from]} ` : ''}to ${STATUS_LABELS[entry.to]}${entry.note ? `: “${entry.note}”` : ''}`;
  }
}

export function RequestPane() {
  const detail = useApp((s) => s.detail);
  const state = useApp((s) => s.detailState);
  const error = useApp((s) => s.detailError);
  const side = useApp(selectSide);
  const moves = useApp(useShallow(selectAllowedMoves));
  const closeRequest = useApp((s) => s.closeRequest);
  const changeStatus = useApp((s) => s.changeStatus);
  const addComment = useApp((s) => s.addComment);
  const now = useNow();
  const [comment, setComment] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state === 'loading' && !detail) return <aside className="pane state-message muted">Loading…</aside>;
  if (state === 'error')
    return (
      <aside className="pane">
        <p role="alert" className="state-message error">
          {error}
        </p>
      </aside>
    );
  if (!detail) return null;

  const run = async (action: () => Promise<{ message: string } | null>) => {
    setBusy(true);
    const err = await action();
    setBusy(false);
    setActionError(err?.message ?? null);
    return !err;
  };

  const submitComment = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => addComment(comment))) setComment('');
  };

  return (
    <aside className="pane" aria-labelledby="request-title" onKeyDown={(e) => e.key === 'Escape' && closeRequest()}>
      <header className="pane-header">
        <div>
          <div className="muted small">
            {detail.key} · {detail.type}
          </div>
          <h2 id="request-title">{detail.title}</h2>
        </div>
        <button type="button" className="icon" aria-label="Close request" onClick={closeRequest}>
          ×
        </button>
      </header>

      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={detail.status} />
        </dd>
        <dt>Priority</dt>
        <dd>
          <PriorityBadge priority={detail.priority} /> {PRIORITY_LABELS[detail.priority].split(' · ')[1]}
        </dd>
        <dt>From</dt>
        <dd>
          {detail.fromDepartment} <span className="muted">({detail.requester})</span>
        </dd>
        <dt>To</dt>
        <dd>{detail.toDepartment}</dd>
        <dt>Needed by</dt>
        <dd>
          {when(detail.neededBy)}
          {isOpen(detail.status) && (
            <>
              {' · '}
              <DueLabel due={detail.dueAt} status={detail.status} now={now} />
            </>
          )}
        </dd>
        <dt>Created</dt>
        <dd>{when(detail.createdAt)}</dd>
      </dl>

      {moves.length > 0 && (
        <div className="actions" role="group" aria-label="Change status">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'declined' || to === 'cancelled' ? 'danger' : to === moves[0] ? 'primary' : undefined}
              disabled={busy}
              onClick={() => void run(() => changeStatus(to))}
            >
              {MOVE_LABELS[to as Exclude<Status, 'new'>]}
            </button>
          ))}
        </div>
      )}
      {actionError && (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      )}

      <section aria-labelledby="details-title">
        <h3 id="details-title">Details</h3>
        <p className="details">{detail.details || <span className="muted">No details given.</span>}</p>
      </section>

      <section aria-labelledby="conversation-title">
        <h3 id="conversation-title">Conversation</h3>
        {detail.comments.length === 0 && <p className="muted small">No comments yet.</p>}
        <ol className="comments">
          {detail.comments.map((c) => (
            <li key={c.id} className="comment">
              <div className="comment-meta">
                <strong>{c.actor.user}</strong> <span className="muted">· {c.actor.department} · {when(c.at)}</span>
              </div>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
        {side && (
          <form onSubmit={submitComment} className="comment-form">
            <label className="visually-hidden" htmlFor="comment-body">
              Comment
            </label>
            <textarea
              id="comment-body"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={side === 'provider' ? 'Reply to the requester…' : 'Add information for the provider…'}
              rows={3}
            />
            <button type="submit" disabled={busy || !comment.trim()}>
              Add comment
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h3 id="history-title">History</h3>
        <ol className="history">
          {detail.history.map((h) => (
            <li key={h.id}>
              <span className="muted small">{when(h.at)}</span> <strong>{h.actor.user}</strong>{' '}
              <span className="muted">({h.actor.department})</span> {describe(h)}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
