import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { workingDay } from '../../../../shared/sla/calendar.js';
import { useApp } from '../../state/context.js';
import { selectDepartmentConfig } from '../../state/selectors.js';
import { FormFooter } from '../../ui/FormFooter.js';

/** Waiting on the requester pauses the clocks: say why, and optionally when work resumes by itself. */
export function PauseForm({ detail, onDone }: { detail: RequestDetail; onDone(): void }) {
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
      <FormFooter error={error} onCancel={onDone} cancel="Cancel" submit="Pause and wait" />
    </form>
  );
}
