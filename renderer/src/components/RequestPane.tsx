import type { FormEvent } from 'react';
import { Fragment, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Comment, HistoryEntry, RequestDetail } from '../../../shared/model/request.js';
import type { Priority } from '../../../shared/core/priority.js';
import type { Status } from '../../../shared/core/status.js';
import { requestKey } from '../../../shared/model/request.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../shared/core/priority.js';
import { STATUS_LABELS } from '../../../shared/core/status.js';
import { isOpen } from '../../../shared/core/status.js';
import { workingDay } from '../../../shared/sla/calendar.js';
import { useApp } from '../state/context.js';
import { EMPTY_DRAFT } from '../state/slices/draftSlice.js';
import { selectAllowedMoves, selectDepartmentConfig, selectSide } from '../state/selectors.js';
import { ClockBadge, DueLabel, PriorityBadge, ShortNoticeMark, StatusBadge } from './badges.js';
import { formatDateTime, formatWhen } from './format.js';
import { RequestAttachments } from './RequestAttachments.js';
import { RequestLinks } from './RequestLinks.js';
import { useNow } from './useNow.js';

/** The reply / note box, which the `r` and `n` shortcuts focus. */
export const COMMENT_BOX_ID = 'comment-body';

const MOVE_LABELS: Record<Exclude<Status, 'new'>, string> = {
  acknowledged: 'Acknowledge',
  in_progress: 'Start work',
  waiting_on_requester: 'Wait on requester',
  done: 'Mark done',
  declined: 'Decline',
  cancelled: 'Cancel request',
};

function describe(entry: HistoryEntry): string {
  switch (entry.kind) {
    case 'created':
      return 'created the request';
    case 'comment':
      return 'commented';
    case 'note':
      return 'added an internal note';
    case 'watch':
      return entry.watching ? 'started watching' : 'stopped watching';
    case 'link': {
      const what = entry.link === 'parent' ? `part of ${requestKey(entry.other)}` : `a duplicate of ${requestKey(entry.other)}`;
      return entry.linked ? `marked it as ${what}` : `removed the link: ${what}`;
    }
    case 'attachment':
      return `attached “${entry.name}”`;
    case 'priority':
      return `changed the priority ${entry.from ? `from ${entry.from} ` : ''}to ${entry.to}`;
    case 'assigned':
      return entry.to ? `assigned it to ${entry.to}` : 'took the assignment away';
    case 'status': {
      const resume = entry.resumeAt ? ` (resumes ${formatWhen(entry.resumeAt)})` : '';
      return `changed status ${entry.from ? `from ${STATUS_LABELS[entry.from]} ` : ''}to ${STATUS_LABELS[entry.to]}${entry.note ? `: “${entry.note}”` : ''}${resume}`;
    }
  }
}

/** The form's answers under the catalog's labels (an answer to a field since removed keeps its id). */
function FormAnswers({ detail }: { detail: RequestDetail }) {
  const provider = useApp((s) => selectDepartmentConfig(s, detail.toDepartment));
  const fields = provider?.catalog.find((t) => t.id === detail.typeId)?.fields ?? [];
  const entries = Object.entries(detail.form);
  if (!entries.length) return null;
  return (
    <dl className="facts form-answers">
      {entries.map(([id, value]) => (
        <Fragment key={id}>
          <dt>{fields.find((f) => f.id === id)?.label ?? id}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function ServiceLevel({ detail }: { detail: RequestDetail }) {
  const sla = detail.sla;
  if (!sla) return <p className="muted small">{detail.toDepartment} has no service levels on this computer yet.</p>;
  return (
    <>
      <dl className="facts">
        <dt>First response</dt>
        <dd>
          <ClockBadge clock={sla.response} />{' '}
          <span className="muted small">
            {sla.response.dueAt ? `due ${formatWhen(sla.response.dueAt)}` : sla.response.stoppedAt ? `answered ${formatWhen(sla.response.stoppedAt)}` : ''}
          </span>
        </dd>
        <dt>Resolution</dt>
        <dd>
          <ClockBadge clock={sla.resolution} />{' '}
          <span className="muted small">{sla.resolution.resumesAt ? `resumes ${formatWhen(sla.resolution.resumesAt)}` : ''}</span>
        </dd>
        <dt>OLA target</dt>
        <dd>
          {detail.olaDueAt ? (
            <time dateTime={detail.olaDueAt}>{formatWhen(detail.olaDueAt)}</time>
          ) : sla.resolution.state === 'paused' ? (
            'Moves when the pause ends'
          ) : (
            '—'
          )}
        </dd>
      </dl>
      {detail.timeline.length > 0 && (
        <details className="timeline">
          <summary>Why is it due then?</summary>
          <ol>
            {detail.timeline.map((t) => (
              <li key={`${t.at} ${t.what}`}>
                <span className="muted small">{formatWhen(t.at)}</span> {t.what}
                {t.dueAt && <span className="muted"> → due {formatWhen(t.dueAt)}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/** Who works on it: take it, hand it to a colleague, or give it back. */
function Assignee({ detail, editable, me }: { detail: RequestDetail; editable: boolean; me: string }) {
  const assignRequest = useApp((s) => s.assignRequest);
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const assign = async (to: string | null) => {
    const err = await assignRequest(to);
    setError(err?.message ?? null);
    if (!err) setOther('');
  };
  return (
    <>
      {detail.assignee ?? <span className="muted">Nobody yet</span>}
      {editable && (
        <span className="assign-controls">
          {detail.assignee !== me && (
            <button type="button" className="link" onClick={() => void assign(me)}>
              Assign to me
            </button>
          )}
          {detail.assignee && (
            <button type="button" className="link" onClick={() => void assign(null)}>
              Unassign
            </button>
          )}
          <form
            className="assign-other"
            onSubmit={(e) => {
              e.preventDefault();
              if (other.trim()) void assign(other.trim());
            }}
          >
            <input
              aria-label="Assign to a colleague"
              placeholder="Colleague’s name"
              list="department-members"
              value={other}
              maxLength={80}
              onChange={(e) => setOther(e.target.value)}
            />
            <datalist id="department-members">
              {detail.members
                .filter((m) => m !== me)
                .map((m) => (
                  <option key={m} value={m} />
                ))}
            </datalist>
            <button type="submit" disabled={!other.trim()}>
              Assign
            </button>
          </form>
        </span>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </>
  );
}

/** Waiting on the requester pauses the clocks: say why, and optionally when work resumes by itself. */
function PauseForm({ detail, onDone }: { detail: RequestDetail; onDone(): void }) {
  const changeStatus = useApp((s) => s.changeStatus);
  const provider = useApp((s) => selectDepartmentConfig(s, detail.toDepartment));
  const [reason, setReason] = useState('');
  const [resumeOn, setResumeOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A resume date means the start of that working day for the department doing the work.
    const resumeAt = resumeOn && provider ? workingDay(provider.calendar, resumeOn).start.toISOString() : undefined;
    const err = await changeStatus('waiting_on_requester', { ...(reason.trim() ? { note: reason.trim() } : {}), ...(resumeAt ? { resumeAt } : {}) });
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={submit} aria-label="Wait on requester">
      <label>
        What do you need from {detail.fromDepartment}?
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder="e.g. the cost centre" autoFocus />
      </label>
      <label>
        Resume by itself on <span className="muted">(optional)</span>
        <input type="date" value={resumeOn} onChange={(e) => setResumeOn(e.target.value)} />
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Pause and wait
        </button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}

function CommentItem({ c }: { c: Comment }) {
  return (
    <li className="comment">
      <div className="comment-meta">
        <strong>{c.actor.user}</strong>{' '}
        <span className="muted">
          · {c.actor.department} · {formatDateTime(c.at)}
        </span>
      </div>
      <p>{c.body}</p>
    </li>
  );
}

export function RequestPane() {
  const detail = useApp((s) => s.detail);
  const state = useApp((s) => s.detailState);
  const error = useApp((s) => s.detailError);
  const side = useApp(selectSide);
  const me = useApp((s) => s.session?.profile?.name ?? '');
  const moves = useApp(useShallow(selectAllowedMoves));
  const closeRequest = useApp((s) => s.closeRequest);
  const changeStatus = useApp((s) => s.changeStatus);
  const changePriority = useApp((s) => s.changePriority);
  const draft = useApp((s) => (s.selectedId && s.drafts[s.selectedId]) || EMPTY_DRAFT);
  const editDraft = useApp((s) => s.editDraft);
  const sendDraft = useApp((s) => s.sendDraft);
  const watchRequest = useApp((s) => s.watchRequest);
  const myDepartment = useApp((s) => s.session?.profile?.department ?? '');
  const now = useNow();
  const [pausing, setPausing] = useState(false);
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
    await run(sendDraft);
  };
  const internal = draft.internal;

  return (
    <aside className="pane" aria-labelledby="request-title" onKeyDown={(e) => e.key === 'Escape' && closeRequest()}>
      <header className="pane-header">
        <div>
          <div className="muted small">
            {detail.key} · {detail.type}
          </div>
          <h2 id="request-title">{detail.title}</h2>
        </div>
        <div className="pane-tools">
          <button
            type="button"
            aria-pressed={detail.watchers.includes(me)}
            title={detail.watchers.length ? `Watching: ${detail.watchers.join(', ')}` : 'Nobody watches this request yet'}
            onClick={() => void run(() => watchRequest(!detail.watchers.includes(me)))}
          >
            {detail.watchers.includes(me) ? 'Watching' : 'Watch'}
            {detail.watchers.length > 0 && <span className="muted"> · {detail.watchers.length}</span>}
          </button>
          <button type="button" className="icon" aria-label="Close request" onClick={closeRequest}>
            ×
          </button>
        </div>
      </header>
      {!side && (
        <p className="muted small read-only-note">
          Read only: only {detail.toDepartment} and {detail.fromDepartment} change this request.
        </p>
      )}

      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={detail.status} />
        </dd>
        <dt>Priority</dt>
        <dd>
          {side === 'provider' && isOpen(detail.status) ? (
            <select aria-label="Priority" value={detail.priority} disabled={busy} onChange={(e) => void run(() => changePriority(e.target.value as Priority))}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          ) : (
            <>
              <PriorityBadge priority={detail.priority} /> {PRIORITY_LABELS[detail.priority].split(' · ')[1]}
            </>
          )}
        </dd>
        <dt>Assignee</dt>
        <dd>
          <Assignee detail={detail} editable={side === 'provider' && isOpen(detail.status)} me={me} />
        </dd>
        <dt>From</dt>
        <dd>
          {detail.fromDepartment} <span className="muted">({detail.requester})</span>
        </dd>
        <dt>To</dt>
        <dd>{detail.toDepartment}</dd>
        <dt>Needed by</dt>
        <dd>
          {formatDateTime(detail.neededBy)}
          {detail.shortNotice && (
            <>
              {' '}
              <ShortNoticeMark />
            </>
          )}
        </dd>
        <dt>Due</dt>
        <dd>
          {isOpen(detail.status) ? (
            <>
              {formatDateTime(detail.dueAt)} · <DueLabel due={detail.dueAt} status={detail.status} now={now} />
              <span className="muted small"> ({detail.olaDueAt && detail.olaDueAt < detail.neededBy ? 'OLA target' : 'needed-by date'})</span>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(detail.createdAt)}</dd>
      </dl>

      {moves.length > 0 && (
        <div className="actions" role="group" aria-label="Change status">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'declined' || to === 'cancelled' ? 'danger' : to === moves[0] ? 'primary' : undefined}
              disabled={busy}
              onClick={() => (to === 'waiting_on_requester' ? setPausing(true) : void run(() => changeStatus(to)))}
            >
              {MOVE_LABELS[to as Exclude<Status, 'new'>]}
            </button>
          ))}
        </div>
      )}
      {pausing && <PauseForm detail={detail} onDone={() => setPausing(false)} />}
      {actionError && (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      )}

      <section aria-labelledby="sla-title">
        <h3 id="sla-title">Service level</h3>
        <ServiceLevel detail={detail} />
      </section>

      <section aria-labelledby="details-title">
        <h3 id="details-title">Details</h3>
        <FormAnswers detail={detail} />
        <p className="details">{detail.details || <span className="muted">No details given.</span>}</p>
      </section>

      <RequestAttachments detail={detail} editable={side !== null} />
      <RequestLinks detail={detail} editable={side !== null} />

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

      <section aria-labelledby="history-title">
        <h3 id="history-title">History</h3>
        <ol className="history">
          {detail.history.map((h) => (
            <li key={h.id}>
              <span className="muted small">{formatDateTime(h.at)}</span> <strong>{h.actor.user}</strong> <span className="muted">({h.actor.department})</span>{' '}
              {describe(h)}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
