import type { FormEvent } from 'react';
import { Fragment, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { format } from 'date-fns';
import type { Attachment, Comment, HistoryEntry, Priority, RequestDetail, RequestLink, Status } from '../../../shared/model/request.js';
import { MAX_ATTACHMENT_BYTES, PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, requestKey } from '../../../shared/model/request.js';
import { isOpen } from '../../../shared/model/status.js';
import { workingDay } from '../../../shared/sla/calendar.js';
import { useApp } from '../state/context.js';
import { selectAllowedMoves, selectDepartmentConfig, selectSide } from '../state/selectors.js';
import { ClockBadge, DueLabel, PriorityBadge, ShortNoticeMark, StatusBadge } from './badges.js';
import { formatWhen } from './format.js';
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
          <span className="muted small">
            {sla.resolution.resumesAt ? `resumes ${formatWhen(sla.resolution.resumesAt)}` : ''}
          </span>
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
            {detail.timeline.map((t, i) => (
              <li key={i}>
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
            <input aria-label="Assign to a colleague" placeholder="Colleague’s name" list="department-members" value={other} maxLength={80} onChange={(e) => setOther(e.target.value)} />
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

const LINK_WORDS: Record<RequestLink['kind'], Record<RequestLink['direction'], string>> = {
  parent: { to: 'Part of', from: 'Has part' },
  duplicate: { to: 'Duplicate of', from: 'Duplicated by' },
};

/** Parent/child and duplicate links, both ways; a side of the request can add or remove its own. */
function Links({ detail, editable }: { detail: RequestDetail; editable: boolean }) {
  const linkRequest = useApp((s) => s.linkRequest);
  const showRequest = useApp((s) => s.showRequest);
  const [kind, setKind] = useState<RequestLink['kind']>('parent');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const link = async (k: RequestLink['kind'], ref: string, linked: boolean) => {
    const err = await linkRequest(k, ref, linked);
    setError(err?.message ?? null);
    if (!err && linked) setOther('');
  };
  return (
    <section aria-labelledby="links-title">
      <h3 id="links-title">Links</h3>
      {detail.links.length === 0 && <p className="muted small">Not linked to other requests.</p>}
      <ul className="links" aria-label="Linked requests">
        {detail.links.map((l) => (
          <li key={`${l.kind}:${l.direction}:${l.other}`}>
            <span className="muted">{LINK_WORDS[l.kind][l.direction]}</span>{' '}
            <button type="button" className="link" onClick={() => void showRequest(l.other)}>
              {l.key}
            </button>{' '}
            {l.title ?? <span className="muted">(not on this computer yet)</span>}
            {l.status && (
              <>
                {' '}
                <StatusBadge status={l.status} />
              </>
            )}
            {editable && l.direction === 'to' && (
              <button type="button" className="link" aria-label={`Remove link to ${l.key}`} onClick={() => void link(l.kind, l.other, false)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          className="link-form"
          aria-label="Link to another request"
          onSubmit={(e) => {
            e.preventDefault();
            if (other.trim()) void link(kind, other.trim(), true);
          }}
        >
          <select aria-label="Link kind" value={kind} onChange={(e) => setKind(e.target.value as RequestLink['kind'])}>
            <option value="parent">Part of</option>
            <option value="duplicate">Duplicate of</option>
          </select>
          <input aria-label="Other request’s key" placeholder="Key, e.g. 3F9A1C" value={other} maxLength={40} onChange={(e) => setOther(e.target.value)} />
          <button type="submit" disabled={!other.trim()}>
            Link
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}

const sizeLabel = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file's bytes as base64 (what the contract carries), read by the browser without copying them through strings. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`“${file.name}” could not be read (${reader.error?.message ?? 'unknown error'}). Try again, or pick another copy of the file.`));
    reader.readAsDataURL(file);
  });
}

/** Files on the request: kept on the share once, fetched when someone opens them. */
function Attachments({ detail, editable }: { detail: RequestDetail; editable: boolean }) {
  const addAttachment = useApp((s) => s.addAttachment);
  const getAttachment = useApp((s) => s.getAttachment);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attach = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(`“${file.name}” is ${sizeLabel(file.size)}; an attachment may be at most ${sizeLabel(MAX_ATTACHMENT_BYTES)}. Share it through a link in a comment instead.`);
      return;
    }
    setBusy(true);
    try {
      const err = await addAttachment({ name: file.name, mime: file.type || 'application/octet-stream', data: await readBase64(file) });
      setError(err?.message ?? null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = async (a: Attachment) => {
    const r = await getAttachment(a.id);
    if ('message' in r) return setError(r.message);
    setError(null);
    const bytes = Uint8Array.from(atob(r.data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = r.name;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section aria-labelledby="attachments-title">
      <h3 id="attachments-title">Attachments</h3>
      {detail.attachments.length === 0 && <p className="muted small">No files attached.</p>}
      <ul className="attachments">
        {detail.attachments.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" onClick={() => void save(a)}>
              {a.name}
            </button>{' '}
            <span className="muted small">
              {sizeLabel(a.size)} · {a.actor.user} · {when(a.at)}
            </span>
          </li>
        ))}
      </ul>
      {editable && (
        <label className="file-pick">
          <span className="button-like">{busy ? 'Attaching…' : 'Attach a file'}</span>
          <input
            type="file"
            className="visually-hidden"
            aria-label="Attach a file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void attach(file);
            }}
          />
        </label>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}

function CommentItem({ c }: { c: Comment }) {
  return (
    <li className="comment">
      <div className="comment-meta">
        <strong>{c.actor.user}</strong> <span className="muted">· {c.actor.department} · {when(c.at)}</span>
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
  const addComment = useApp((s) => s.addComment);
  const watchRequest = useApp((s) => s.watchRequest);
  const myDepartment = useApp((s) => s.session?.profile?.department ?? '');
  const now = useNow();
  const [internal, setInternal] = useState(false);
  const [pausing, setPausing] = useState(false);
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
    if (await run(() => addComment(comment, internal))) setComment('');
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
      {!side && <p className="muted small read-only-note">Read only: only {detail.toDepartment} and {detail.fromDepartment} change this request.</p>}

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
          {when(detail.neededBy)}
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
              {when(detail.dueAt)} · <DueLabel due={detail.dueAt} status={detail.status} now={now} />
              <span className="muted small"> ({detail.olaDueAt && detail.olaDueAt < detail.neededBy ? 'OLA target' : 'needed-by date'})</span>
            </>
          ) : (
            '—'
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

      <Attachments detail={detail} editable={side !== null} />
      <Links detail={detail} editable={side !== null} />

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
                <input type="radio" name="comment-kind" checked={!internal} onChange={() => setInternal(false)} />
                Reply to {side === 'provider' ? detail.fromDepartment : detail.toDepartment}
              </label>
              <label>
                <input type="radio" name="comment-kind" checked={internal} onChange={() => setInternal(true)} />
                Internal note
              </label>
            </div>
            <label className="visually-hidden" htmlFor="comment-body">
              {internal ? 'Internal note' : 'Reply'}
            </label>
            <textarea
              id="comment-body"
              className={internal ? 'note-input' : undefined}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={internal ? `Only ${myDepartment} sees this…` : side === 'provider' ? 'Reply to the requester…' : 'Add information for the provider…'}
              rows={3}
            />
            <button type="submit" disabled={busy || !comment.trim()}>
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
              <span className="muted small">{when(h.at)}</span> <strong>{h.actor.user}</strong>{' '}
              <span className="muted">({h.actor.department})</span> {describe(h)}
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
