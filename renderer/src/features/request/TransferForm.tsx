import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { useApp } from '../../state/context.js';
import { FormFooter } from '../../ui/FormFooter.js';

/**
 * The providing department hands the request to the department that should do it, as one of that
 * department's request types; that department's service levels apply from then on, and the
 * requester is told.
 */
export function TransferForm({ detail, onDone }: { detail: RequestDetail; onDone(): void }) {
  const transferRequest = useApp((s) => s.transferRequest);
  const departments = useApp((s) => s.config?.departments ?? []).filter((d) => d.name !== detail.toDepartment && d.name !== detail.fromDepartment);
  const [to, setTo] = useState('');
  const catalog = departments.find((d) => d.name === to)?.config.catalog ?? [];
  const [typeId, setTypeId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = await transferRequest(to, typeId, note.trim());
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={submit} aria-label="Hand over">
      <label>
        To department
        <select
          value={to}
          onChange={(e) => {
            setTo(e.target.value);
            setTypeId('');
          }}
          required
          autoFocus
        >
          <option value="" disabled>
            Choose…
          </option>
          {departments.map((d) => (
            <option key={d.name}>{d.name}</option>
          ))}
        </select>
      </label>
      <label>
        As request type
        <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required disabled={!to}>
          <option value="" disabled>
            Choose…
          </option>
          {catalog.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Why them? <span className="muted">(both departments and {detail.fromDepartment} read it)</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      <FormFooter error={error} onCancel={onDone} submit="Hand over" disabled={!to || !typeId} />
    </form>
  );
}
