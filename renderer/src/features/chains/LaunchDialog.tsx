import { formatMinutes } from '../../../../shared/sla/clocks.js';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../state/context.js';
import { formatDateTime } from '../../ui/format.js';

/** A type's notice, as the catalog and the clocks write business time. */
const lead = (minutes: number) => (minutes ? formatMinutes(minutes) : 'none');

/**
 * Launching a template (issue 19): its questions asked once, then every step with its date in its
 * department's working days, its lead time and whether that is short notice — before anything is
 * sent. Sending makes the whole chain at once.
 */
export function LaunchDialog() {
  const launching = useApp((s) => s.launching);
  const config = useApp((s) => s.config);
  const plan = useApp((s) => s.launchPlan);
  const planLaunch = useApp((s) => s.planLaunch);
  const launchTemplate = useApp((s) => s.launchTemplate);
  const cancel = useApp((s) => s.cancelLaunch);
  const template = config?.departments.find((d) => d.name === launching?.department)?.templates.find((t) => t.id === launching?.templateId);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);
  useEffect(() => void planLaunch(answers), [answers, planLaunch]);

  if (!launching) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const err = await launchTemplate(answers);
    setBusy(false);
    setError(err?.message ?? null);
  };
  const ready = !!plan && !plan.problems.length && plan.steps.every((s) => !s.problem);
  const answer = (id: string) => (Object.hasOwn(answers, id) ? answers[id]! : '');
  return (
    <div className="backdrop" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <form className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="launch-title" onSubmit={submit} noValidate>
        <h2 id="launch-title">{template?.name ?? 'Template'}</h2>
        {!template ? (
          <p className="state-message muted">This template is not on this computer (any more). Close and choose another.</p>
        ) : (
          <>
            {template.description && <p className="muted">{template.description}</p>}
            <div className="row-form">
              {template.questions.map((q, i) => {
                const label = (
                  <>
                    {q.label}
                    {q.required && <span className="visually-hidden"> (required)</span>}
                  </>
                );
                const set = (value: string) => setAnswers({ ...answers, [q.id]: value });
                return q.kind === 'choice' ? (
                  <label key={q.id}>
                    {label}
                    <select ref={i === 0 ? first : undefined} value={answer(q.id)} onChange={(e) => set(e.target.value)}>
                      <option value="">—</option>
                      {(q.options ?? []).map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                  </label>
                ) : (
                  <label key={q.id}>
                    {label}
                    <input
                      ref={i === 0 ? first : undefined}
                      type={q.kind === 'date' ? 'date' : 'text'}
                      value={answer(q.id)}
                      required={q.required}
                      onChange={(e) => set(e.target.value)}
                    />
                  </label>
                );
              })}
            </div>
            <table className="compact launch-plan">
              <caption>What is sent: a request to each department, due in its own working days</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Department</th>
                  <th scope="col">Needed by</th>
                  <th scope="col">Notice it asks</th>
                  <th scope="col">Waits for</th>
                </tr>
              </thead>
              <tbody>
                {(plan?.steps ?? []).map((s) => (
                  <tr key={s.step}>
                    <th scope="row">
                      {s.title || <span className="muted">(a title once answered)</span>}
                      {s.problem && <span className="form-error small"> · {s.problem}</span>}
                    </th>
                    <td>{s.department}</td>
                    <td>
                      {s.neededBy ? formatDateTime(s.neededBy) : '—'}
                      {s.shortNotice && <span className="tone-warn small"> · short notice</span>}
                    </td>
                    <td>{lead(s.leadTimeMinutes)}</td>
                    <td>{s.waitsFor.map((w) => plan!.steps.find((o) => o.step === w)?.title || w).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan?.problems.length ? <p className="muted small">{plan.problems.join(' ')}</p> : null}
          </>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!ready || busy}>
            {busy ? 'Sending…' : `Send ${plan?.steps.length ?? 0} requests`}
          </button>
        </div>
      </form>
    </div>
  );
}
