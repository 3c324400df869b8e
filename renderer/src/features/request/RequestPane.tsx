import { useState } from 'react';
import { useApp } from '../../state/context.js';
import { selectSide } from '../../state/selectors.js';
import { Conversation } from './Conversation.js';
import { CorrectionForm } from './CorrectionForm.js';
import { isOpen } from '../../../../shared/core/status.js';
import { DateAgreement } from './DateAgreement.js';
import { ConfidentialMark } from '../../ui/badges.js';
import { FormAnswers } from './FormAnswers.js';
import { RequestAttachments } from './RequestAttachments.js';
import { RequestFacts } from './RequestFacts.js';
import { RequestHistory } from './RequestHistory.js';
import { RequestLinks } from './RequestLinks.js';
import { ChainSteps } from '../chains/ChainSteps.js';
import { ServiceLevel } from './ServiceLevel.js';
import { StatusActions } from './StatusActions.js';
import { RatingPrompt } from './RatingPrompt.js';

/** The open request's page, beside the queue: its facts, what can be done, the conversation and the history. */
export function RequestPane() {
  const detail = useApp((s) => s.detail);
  const state = useApp((s) => s.detailState);
  const error = useApp((s) => s.detailError);
  const side = useApp(selectSide);
  const me = useApp((s) => s.session?.profile?.name ?? '');
  const mine = useApp((s) => s.session?.profile?.department ?? '');
  const closeRequest = useApp((s) => s.closeRequest);
  const watchRequest = useApp((s) => s.watchRequest);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The request being corrected: opening another closes the form. */
  const [correcting, setCorrecting] = useState<string | null>(null);

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

  return (
    <aside className="pane" aria-labelledby="request-title" onKeyDown={(e) => e.key === 'Escape' && closeRequest()}>
      <header className="pane-header">
        <div>
          <div className="muted small">
            {detail.key} · {detail.type}
            {detail.confidential && <ConfidentialMark locked={detail.confidential === 'locked'} />}
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

      {/* A chain's parent is moved by its steps: none of a request's actions or clocks, its steps first. */}
      <RequestFacts detail={detail} side={detail.chain ? null : side} busy={busy} run={run} />
      {detail.chain ? (
        <ChainSteps chain={detail.chain} editable={side !== null && detail.fromDepartment === mine} />
      ) : (
        <>
          <DateAgreement detail={detail} side={side} busy={busy} run={run} />
          <StatusActions detail={detail} busy={busy} run={run} />
          <RatingPrompt detail={detail} side={side} busy={busy} run={run} />
        </>
      )}
      {actionError && (
        <p role="alert" className="form-error">
          {actionError}
        </p>
      )}

      {!detail.chain && (
        <section aria-labelledby="sla-title">
          <h3 id="sla-title">Service level</h3>
          <ServiceLevel detail={detail} />
        </section>
      )}

      <section aria-labelledby="details-title">
        <div className="section-head">
          <h3 id="details-title">Details</h3>
          {side === 'requester' && isOpen(detail.status) && detail.confidential !== 'locked' && correcting !== detail.id && (
            <button type="button" className="link" onClick={() => setCorrecting(detail.id)}>
              Correct
            </button>
          )}
        </div>
        {correcting === detail.id && <CorrectionForm detail={detail} onDone={() => setCorrecting(null)} />}
        {detail.confidential === 'locked' ? (
          <p className="muted">
            Confidential: its title, details and answers are sealed for {detail.fromDepartment} and {detail.toDepartment}, and this computer holds no key for
            them. A newcomer to either department reads them once a colleague’s computer has shared the key.
          </p>
        ) : (
          <>
            <FormAnswers detail={detail} />
            <p className="details">{detail.details || <span className="muted">No details given.</span>}</p>
          </>
        )}
      </section>

      <RequestAttachments detail={detail} editable={side !== null} />
      <RequestLinks detail={detail} editable={side !== null} />

      <Conversation detail={detail} side={side} busy={busy} run={run} />
      <RequestHistory detail={detail} />
    </aside>
  );
}
