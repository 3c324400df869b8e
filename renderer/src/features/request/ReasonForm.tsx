import type { FormEvent } from 'react';
import { useState } from 'react';
import type { Status } from '../../../../shared/core/status.js';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';

/** Declining or cancelling says why: the other department is told the reason. */
export function ReasonForm({ detail, to, onDone }: { detail: RequestDetail; to: Extract<Status, 'declined' | 'cancelled'>; onDone(): void }) {
  const changeStatus = useApp((s) => s.changeStatus);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const declining = to === 'declined';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = await changeStatus(to, { note: reason.trim() });
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={submit} aria-label={declining ? 'Decline' : 'Cancel request'}>
      <label>
        {declining ? `Why does ${detail.toDepartment} decline? ${detail.fromDepartment} is told.` : `Why cancel? ${detail.toDepartment} is told.`}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required autoFocus />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Keep it
        </button>
        <button type="submit" className="danger" disabled={!reason.trim()}>
          {declining ? 'Decline' : 'Cancel request'}
        </button>
      </div>
    </form>
  );
}
