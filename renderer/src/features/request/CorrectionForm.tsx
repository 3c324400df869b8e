import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/model/request.js';
import { validateForm } from '../../../../shared/sla/catalog.js';
import { useApp } from '../../state/context.js';
import { selectDepartmentConfig } from '../../state/selectors.js';
import { FieldInput } from './FieldInput.js';
import { FormFooter } from '../../ui/FormFooter.js';

/**
 * The requesting department corrects what it asked: title, details, answers. Only what changed is
 * sent, each field its own change; the provider sees the latest and the history keeps every version.
 */
export function CorrectionForm({ detail, onDone }: { detail: RequestDetail; onDone(): void }) {
  const editRequest = useApp((s) => s.editRequest);
  const provider = useApp((s) => selectDepartmentConfig(s, detail.toDepartment));
  const type = provider?.catalog.find((t) => t.id === detail.typeId);
  const [title, setTitle] = useState(detail.title);
  const [details, setDetails] = useState(detail.details);
  const [answers, setAnswers] = useState<Record<string, string>>(detail.form);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = type ? validateForm(type, answers) : {};
    setProblems(found);
    if (Object.keys(found).length) return setError('Some answers need a look (marked above).');
    const changedForm = Object.keys({ ...detail.form, ...answers }).some((k) => (detail.form[k] ?? '') !== (answers[k] ?? ''));
    setBusy(true);
    const err = await editRequest({
      ...(title !== detail.title ? { title } : {}),
      ...(details !== detail.details ? { details } : {}),
      ...(changedForm ? { form: answers } : {}),
    });
    setBusy(false);
    setError(err?.message ?? null);
    if (!err) onDone();
  };
  return (
    <form className="pause-form" onSubmit={submit} aria-label="Correct the request" noValidate>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
      </label>
      {type?.fields.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          value={answers[f.id] ?? ''}
          {...(problems[f.id] ? { error: problems[f.id] } : {})}
          onChange={(v) => setAnswers({ ...answers, [f.id]: v })}
        />
      ))}
      <label>
        Details
        <textarea value={details} onChange={(e) => setDetails(e.target.value)} rows={4} />
      </label>
      <FormFooter error={error} onCancel={onDone} cancel="Cancel" submit="Save corrections" disabled={busy || !title.trim()} />
    </form>
  );
}
