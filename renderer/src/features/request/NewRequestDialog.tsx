import type { FormEvent } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { format, parseISO } from 'date-fns';
import { useShallow } from 'zustand/react/shallow';
import type { Priority } from '../../../../shared/core/priority.js';
import { localDate, workingDay } from '../../../../shared/sla/calendar.js';
import type { FormValues } from '../../../../shared/sla/catalog.js';
import { checkLeadTime, validateForm } from '../../../../shared/sla/catalog.js';
import { formatMinutes } from '../../../../shared/sla/clocks.js';
import { useApp } from '../../state/context.js';
import { selectDepartment, selectDepartmentConfig, selectOtherDepartments } from '../../state/selectors.js';
import { needsFrom } from '../../../../shared/config/servicePage.js';
import { searchCatalogs } from './catalogSearch.js';
import { RequestGuide } from './RequestGuide.js';
import { formatWhen } from '../../ui/format.js';
import { LabelledSelect, PRIORITY_CHOICES } from '../../ui/LabelledSelect.js';
import { FieldInput } from './FieldInput.js';

export function NewRequestDialog() {
  const departments = useApp(useShallow(selectOtherDepartments));
  const createRequest = useApp((s) => s.createRequest);
  const cancelRequest = useApp((s) => s.cancelRequest);
  const prefill = useApp((s) => s.composeFor);
  const config = useApp((s) => s.config);
  const mine = useApp(selectDepartment);
  const startLaunch = useApp((s) => s.startLaunch);
  const templates = config?.departments.find((d) => d.name === mine)?.templates ?? [];
  const [toDepartment, setToDepartment] = useState(prefill?.toDepartment ?? '');
  const provider = useApp((s) => selectDepartmentConfig(s, toDepartment));
  const page = config?.departments.find((d) => d.name === toDepartment)?.service;
  const [typeId, setTypeId] = useState(prefill?.typeId ?? '');
  const [find, setFind] = useState('');
  const hits = useMemo(() => (config ? searchCatalogs(config, find, mine) : []), [config, find, mine]);
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [priority, setPriority] = useState<Priority>('P3');
  const [neededBy, setNeededBy] = useState('');
  const [answers, setAnswers] = useState<FormValues>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const type = provider?.catalog.find((t) => t.id === typeId);
  const about = type && page && Object.hasOwn(page.types, type.id) ? page.types[type.id] : undefined;
  const needs = page ? needsFrom(page, mine) : [];
  const choose = (department: string, id: string) => {
    chooseDepartment(department);
    setTypeId(id);
    const next = config?.departments.find((d) => d.name === department)?.config.catalog.find((t) => t.id === id);
    if (next) setPriority(next.defaultPriority);
    setFind('');
  };
  const chooseDepartment = (name: string) => {
    setToDepartment(name);
    setTypeId('');
    setAnswers({});
    setProblems({});
  };
  const chooseType = (id: string) => {
    setTypeId(id);
    setAnswers({});
    setProblems({});
    const next = provider?.catalog.find((t) => t.id === id);
    if (next) setPriority(next.defaultPriority);
  };

  // The lead-time guard: a warning before sending, never a refusal.
  const lead = useMemo(() => {
    if (!type || !provider || !neededBy) return null;
    const due = workingDay(provider.calendar, neededBy).end;
    const now = new Date();
    // A date already gone is not short notice; sending it explains what is wrong.
    if (due < now) return null;
    const check = checkLeadTime(type, due, now, provider.calendar);
    return check.shortNotice ? { earliest: check.earliestStandard, day: localDate(provider.calendar, check.earliestStandard) } : null;
  }, [type, provider, neededBy]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!type || !provider) return setError('Choose a department and a request type.');
    if (!neededBy) return setError('Needed-by is required.');
    const found = validateForm(type, answers);
    setProblems(found);
    const marked = type.fields.filter((f) => found[f.id]).map((f) => f.label);
    if (marked.length) return setError(`Some answers need a look: ${marked.join(', ')} (marked above).`);
    setBusy(true);
    const err = await createRequest({
      toDepartment,
      typeId,
      title,
      details,
      priority,
      neededBy: workingDay(provider.calendar, neededBy).end.toISOString(),
      form: answers,
    });
    setBusy(false);
    setError(err?.message ?? null);
  };

  return (
    <div className="backdrop" onKeyDown={(e) => e.key === 'Escape' && cancelRequest()}>
      <form className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="new-request-title" onSubmit={submit} noValidate>
        <h2 id="new-request-title">New request</h2>
        {templates.length > 0 && (
          <p className="launch-offer">
            <span className="muted">Or several departments at once, from a template of {mine}:</span>{' '}
            {templates.map((t) => (
              <button key={t.id} type="button" onClick={() => startLaunch(mine, t.id)}>
                {t.name}
              </button>
            ))}
          </p>
        )}
        <div className="dialog-columns">
          <div>
            <div className="catalog-search">
              <label>
                What do you need?
                <input
                  ref={first}
                  type="search"
                  value={find}
                  onChange={(e) => setFind(e.target.value)}
                  placeholder="A word, e.g. laptop, contract, quote"
                  aria-controls={find.trim() ? 'catalog-hits' : undefined}
                />
              </label>
              {find.trim() && (
                <ul id="catalog-hits" className="catalog-hits" aria-label="Request types that match">
                  {hits.length ? (
                    hits.map((h) => (
                      <li key={`${h.department}:${h.typeId}`}>
                        <button type="button" className="link" onClick={() => choose(h.department, h.typeId)}>
                          {h.department} › {h.typeName}
                        </button>
                        {h.because && <span className="muted small"> · {h.because}</span>}
                      </li>
                    ))
                  ) : (
                    <li className="muted">Nothing matches; choose a department below, or try another word.</li>
                  )}
                </ul>
              )}
            </div>
            <div className="form-grid">
              <label>
                To department
                <select value={toDepartment} onChange={(e) => chooseDepartment(e.target.value)} required>
                  <option value="" disabled>
                    Choose…
                  </option>
                  {departments.map((d) => (
                    <option key={d}>{d}</option>
                  ))}
                </select>
              </label>
              <label>
                Request type
                <select value={typeId} onChange={(e) => chooseType(e.target.value)} required disabled={!provider}>
                  <option value="" disabled>
                    {toDepartment && !provider ? 'Catalog not synced yet' : 'Choose…'}
                  </option>
                  {provider?.catalog.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="span-2">
                Title
                <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
              </label>
              {type?.fields.map((f) => (
                <FieldInput
                  key={f.id}
                  field={f}
                  {...(about?.help && Object.hasOwn(about.help, f.id) && about.help[f.id] ? { help: about.help[f.id] } : {})}
                  value={answers[f.id] ?? ''}
                  {...(problems[f.id] ? { error: problems[f.id] } : {})}
                  onChange={(v) => setAnswers({ ...answers, [f.id]: v })}
                />
              ))}
              <label className="span-2">
                Details
                <textarea value={details} onChange={(e) => setDetails(e.target.value)} rows={4} />
              </label>
              <LabelledSelect label="Priority" value={priority} choices={PRIORITY_CHOICES} onChange={(p) => setPriority(p)} />
              <label>
                Needed by
                <input type="date" value={neededBy} onChange={(e) => setNeededBy(e.target.value)} required />
              </label>
            </div>
            {lead && type && (
              <div role="status" className="notice short-notice">
                <strong>Short notice.</strong> {toDepartment} asks for {formatMinutes(type.leadTimeMinutes)} of notice for “{type.name}”; the earliest standard
                date is {formatWhen(lead.earliest)}. You can still send it: it will be marked short notice.{' '}
                <button type="button" className="link" onClick={() => setNeededBy(lead.day)}>
                  Use {format(parseISO(lead.day), 'EEE d MMM')}
                </button>
              </div>
            )}
            {error && (
              <p role="alert" className="form-error">
                {error}
              </p>
            )}
          </div>
          <RequestGuide department={toDepartment} type={type} about={about} needs={needs} />
        </div>
        <div className="dialog-buttons">
          <button type="button" onClick={cancelRequest}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Sending…' : lead ? 'Send at short notice' : 'Send request'}
          </button>
        </div>
      </form>
    </div>
  );
}
