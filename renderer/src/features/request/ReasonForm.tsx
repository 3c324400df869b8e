import type { FormEvent } from 'react';
import { useState } from 'react';

/** A change that says why: declining, cancelling and escalating. The other side reads the reason. */
export function ReasonForm({
  name,
  question,
  submit,
  onSubmit,
  onDone,
}: {
  /** The form's accessible name, and what its button does. */
  name: string;
  /** The label: who is told, and what they are told. */
  question: string;
  submit: string;
  onSubmit(reason: string): Promise<{ message: string } | null>;
  onDone(): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const err = await onSubmit(reason.trim());
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={send} aria-label={name}>
      <label>
        {question}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required autoFocus />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Not now
        </button>
        <button type="submit" className="danger" disabled={!reason.trim()}>
          {submit}
        </button>
      </div>
    </form>
  );
}
