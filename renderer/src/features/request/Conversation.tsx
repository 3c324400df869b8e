import type { FormEvent } from 'react';
import type { Comment } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import type { PaneActionProps } from './paneProps.js';
import { EMPTY_DRAFT } from '../../state/slices/draftSlice.js';
import { formatDateTime } from '../../ui/format.js';

/** The reply / note box, which the `r` and `n` shortcuts focus. */
export const COMMENT_BOX_ID = 'comment-body';

function CommentItem({ c }: { c: Comment }) {
  return (
    <li className="comment">
      <div className="comment-meta">
        <strong>{c.actor.user}</strong>{' '}
        <span className="muted">
          · {c.actor.department} · {formatDateTime(c.at)}
        </span>
      </div>
      {c.locked ? (
        <p className="muted">
          Sealed for {c.actor.department}: this computer holds no key for it yet. A colleague's computer in {c.actor.department} shares the key once it has seen
          you admitted; sync, or ask them to open Interdesk.
        </p>
      ) : (
        <p>{c.body}</p>
      )}
    </li>
  );
}

/**
 * Replies between the two departments, the side's own internal notes apart from them, and the
 * box to write either (its draft kept per request while the person looks at others).
 */
export function Conversation({ detail, side, busy, run }: PaneActionProps) {
  const draft = useApp((s) => (s.selectedId && s.drafts[s.selectedId]) || EMPTY_DRAFT);
  const editDraft = useApp((s) => s.editDraft);
  const sendDraft = useApp((s) => s.sendDraft);
  const myDepartment = useApp((s) => s.session?.profile?.department ?? '');
  const internal = draft.internal;
  const submitComment = async (e: FormEvent) => {
    e.preventDefault();
    await run(sendDraft);
  };
  return (
    <section aria-labelledby="conversation-title">
      <h3 id="conversation-title">Conversation</h3>
      {detail.comments.length === 0 && <p className="muted small">No replies yet.</p>}
      <ol className="comments" aria-label="Replies">
        {detail.comments.map((c) => (
          <CommentItem key={c.id} c={c} />
        ))}
      </ol>
      {side && detail.notes.length > 0 && (
        <>
          <h4 className="notes-title">Internal notes · only {myDepartment} sees these</h4>
          <ol className="comments notes" aria-label="Internal notes">
            {detail.notes.map((c) => (
              <CommentItem key={c.id} c={c} />
            ))}
          </ol>
        </>
      )}
      {side && (
        <form onSubmit={submitComment} className="comment-form">
          <div className="segmented" role="radiogroup" aria-label="Write">
            <label>
              <input type="radio" name="comment-kind" checked={!internal} onChange={() => editDraft({ internal: false })} />
              Reply to {side === 'provider' ? detail.fromDepartment : detail.toDepartment}
            </label>
            <label>
              <input type="radio" name="comment-kind" checked={internal} onChange={() => editDraft({ internal: true })} />
              Internal note
            </label>
          </div>
          <label className="visually-hidden" htmlFor={COMMENT_BOX_ID}>
            {internal ? 'Internal note' : 'Reply'}
          </label>
          <textarea
            id={COMMENT_BOX_ID}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            className={internal ? 'note-input' : undefined}
            value={draft.body}
            onChange={(e) => editDraft({ body: e.target.value })}
            placeholder={internal ? `Only ${myDepartment} sees this…` : side === 'provider' ? 'Reply to the requester…' : 'Add information for the provider…'}
            rows={3}
          />
          <button type="submit" disabled={busy || !draft.body.trim()}>
            {internal ? 'Add note' : 'Send reply'}
          </button>
        </form>
      )}
    </section>
  );
}
