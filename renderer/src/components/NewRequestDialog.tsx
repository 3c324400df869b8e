import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { addDays, format } from 'date-fns';
import { useShallow } from 'zustand/react/shallow';
import type { Priority } from '../../../shared/model/request.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../shared/model/request.js';
import { useApp } from '../state/context.js';
import { selectOtherDepartments } from '../state/selectors.js';

/** A needed-by date means the end of that working day (17:00 local) until calendars say otherwise. */
export function neededByFromDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 17, 0, 0).toISOString();
}

export function NewRequestDialog() {
  const departments = useApp(useShallow(selectOtherDepartments));
  const createRequest = useApp((s) => s.createRequest);
  const cancelRequest = useApp((s) => s.cancelRequest);
  const [toDepartment, setToDepartment] = useState('');
  const [type, setType] = useState('');
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [priority, setPriority] = useState<Priority>('P3');
  const [neededBy, setNeededBy] = useState(() => format(addDays(new Date(), 3), 'yyyy-MM-dd'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!neededBy) return setError('Needed-by is required.');
    setBusy(true);
    const err = await createRequest({ toDepartment, type, title, details, priority, neededBy: neededByFromDate(neededBy) });
    setBusy(false);
    setError(err?.message ?? null);
  };

  return (
    <div className="backdrop" onKeyDown={(e) => e.key === 'Escape' && cancelRequest()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="new-request-title" onSubmit={submit}>
        <h2 id="new-request-title">New request</h2>
        <div className="form-grid">
          <label>
            To department
            <select ref={first} value={toDepartment} onChange={(e) => setToDepartment(e.target.value)} required>
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
            <input value={type} onChange={(e) => setType(e.target.value)} placeholder="e.g. Laptop, Access, Quote" required />
          </label>
          <label className="span-2">
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
          </label>
          <label className="span-2">
            Details
            <textarea value={details} onChange={(e) => setDetails(e.target.value)} rows={5} />
          </label>
          <label>
            Priority
            <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Needed by
            <input type="date" value={neededBy} onChange={(e) => setNeededBy(e.target.value)} required />
          </label>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={cancelRequest}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send request'}
          </button>
        </div>
      </form>
    </div>
  );
}
