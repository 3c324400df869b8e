import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormFooter } from '../../ui/FormFooter.js';

/** A change that says why: declining, cancelling and escalating. The other side reads the reason. */
export function ReasonForm({
  name,
  question,
  submit,
  onSubmit,
  onDone,
  tone = 'danger',
}: {
  /** The form's accessible name, and what its button does. */
  name: string;
  /** The label: who is told, and what they are told. */
  question: string;
  submit: string;
  onSubmit(reason: string): Promise<{ message: string } | null>;
  onDone(): void;
  /** Declining, cancelling and escalating are serious; reopening is not. */
  tone?: 'primary' | 'danger';
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
      <FormFooter error={error} onCancel={onDone} submit={submit} tone={tone} disabled={!reason.trim()} />
    </form>
  );
}
