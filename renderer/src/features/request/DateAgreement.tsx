import type { FormEvent } from 'react';
import { useState } from 'react';
import { isOpen } from '../../../../shared/core/status.js';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { localDate, workingDay } from '../../../../shared/sla/calendar.js';
import { useApp } from '../../state/context.js';
import { selectDepartmentConfig } from '../../state/selectors.js';
import type { PaneActionProps } from './paneProps.js';
import { formatDateTime } from '../../ui/format.js';
import { FormFooter } from '../../ui/FormFooter.js';

/**
 * The needed-by date as the two departments agree it: what stands, a proposal waiting for an
 * answer (accept, or propose another), and for the provider of a short-notice request, taking its
 * date as asked (docs/sync.md §Agreed dates).
 */
export function DateAgreement({ detail, side, busy, run }: PaneActionProps) {
  const acceptDate = useApp((s) => s.acceptDate);
  const department = useApp((s) => s.session?.profile?.department ?? '');
  const [proposing, setProposing] = useState(false);
  const open = side !== null && isOpen(detail.status);
  const pending = detail.proposal;
  const theirs = pending && pending.by !== department;
  const other = side === 'provider' ? detail.fromDepartment : detail.toDepartment;
  return (
    <div className="date-agreement">
      {detail.agreed && (
        <p className="muted small">
          {detail.agreed.shortNotice
            ? `${detail.agreed.acceptedBy} accepted this short-notice date as asked`
            : `Agreed: ${detail.agreed.acceptedBy} accepted ${detail.agreed.proposedBy}’s date (first asked for ${formatDateTime(detail.agreed.askedFor)})`}
        </p>
      )}
      {pending && isOpen(detail.status) && (
        <section className="proposal" aria-label="Proposed date">
          <p>
            <strong>{pending.by}</strong> proposes <strong>{formatDateTime(pending.neededBy)}</strong>: “{pending.reason}”
          </p>
          {open && theirs && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void run(() => acceptDate(pending.id))}>
                Accept {formatDateTime(pending.neededBy)}
              </button>
              <button type="button" disabled={busy} onClick={() => setProposing(true)}>
                Propose another date
              </button>
            </div>
          )}
          {open && !theirs && <p className="muted small">Waiting for {other} to accept it or propose another.</p>}
        </section>
      )}
      {open && !pending && !proposing && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => setProposing(true)}>
            Propose a new date
          </button>
          {side === 'provider' && detail.shortNotice && !detail.agreed && (
            <button type="button" disabled={busy} onClick={() => void run(() => acceptDate(detail.id))}>
              Accept the short notice
            </button>
          )}
        </div>
      )}
      {proposing && <ProposeDateForm detail={detail} other={other} onDone={() => setProposing(false)} />}
    </div>
  );
}

/** A date (the end of that working day for the department doing the work) and why: the other department reads both. */
function ProposeDateForm({ detail, other, onDone }: { detail: RequestDetail; other: string; onDone(): void }) {
  const proposeDate = useApp((s) => s.proposeDate);
  const provider = useApp((s) => selectDepartmentConfig(s, detail.toDepartment));
  const [date, setDate] = useState(() => (provider ? localDate(provider.calendar, new Date(detail.neededBy)) : ''));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!provider) return setError(`${detail.toDepartment}’s calendar has not arrived on this computer yet; sync and try again.`);
    const err = await proposeDate(workingDay(provider.calendar, date).end.toISOString(), reason.trim());
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={submit} aria-label="Propose a date">
      <label>
        Needed by
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required autoFocus />
      </label>
      <label>
        Why this date? {other} is told and answers.
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required />
      </label>
      <FormFooter error={error} onCancel={onDone} submit="Propose" disabled={!date || !reason.trim()} />
    </form>
  );
}
