import { hhmm } from '../../ui/format.js';
import type { ChangeEvent } from 'react';
import { useState } from 'react';
import type { BusinessCalendar } from '../../../../shared/sla/calendar.js';
import { hours } from '../../../../shared/sla/calendar.js';
import { parseIcsClosures } from '../../../../shared/sla/ics.js';
import type { SectionEditorProps } from './types.js';

/** Monday first, as people read a week; the calendar stores Sunday = 0. */
const DAYS: [number, string][] = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [0, 'Sunday'],
];

const spansText = (spans: [number, number][]) => spans.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(', ');

function parseDay(text: string): [number, number][] {
  const parts = text
    .split(',')
    .map((p) => p.trim().replace(/\s*[–—-]\s*/, '-'))
    .filter(Boolean);
  return parts.length ? hours(...parts) : [];
}

const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function describeClosure(c: string): string {
  if (c.startsWith('--'))
    return `Every year on ${new Date(`2000${c.slice(1)}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'long', timeZone: 'UTC' })}`;
  return new Date(`${c}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function CalendarEditor({ value, editable, onSave }: SectionEditorProps<BusinessCalendar>) {
  const [timeZone, setTimeZone] = useState(value.timeZone);
  const [week, setWeek] = useState(() => value.week.map(spansText));
  const [closures, setClosures] = useState<string[]>([...value.closures]);
  const [newDate, setNewDate] = useState('');
  const [yearly, setYearly] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const addClosure = () => {
    if (!newDate) return;
    const c = yearly ? `--${newDate.slice(5)}` : newDate;
    if (!closures.includes(c)) setClosures([...closures, c].sort());
    setNewDate('');
  };

  const importIcs = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const { closures: found, skippedTimed } = parseIcsClosures(await file.text(), { from: new Date() });
      const added = found.filter((c) => !closures.includes(c));
      setClosures([...closures, ...added].sort());
      const skipped = skippedTimed ? ` ${skippedTimed} timed event${skippedTimed === 1 ? '' : 's'} skipped (only all-day events close a day).` : '';
      setMessage({ error: false, text: `${added.length} closed day${added.length === 1 ? '' : 's'} added from ${file.name}; save to keep them.${skipped}` });
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    }
  };

  const save = async () => {
    let parsed: [number, number][][];
    try {
      parsed = week.map((text, day) => {
        try {
          return parseDay(text);
        } catch (err) {
          throw new Error(`${DAYS.find(([d]) => d === day)![1]}: ${(err as Error).message}`);
        }
      });
    } catch (err) {
      return setMessage({ error: true, text: (err as Error).message });
    }
    const err = await onSave({ timeZone: timeZone.trim(), week: parsed, closures });
    setMessage(err ? { error: true, text: err } : { error: false, text: 'Calendar saved. Due dates follow it on every machine after the next sync.' });
  };

  return (
    <fieldset className="settings-section" disabled={!editable}>
      <legend>Business calendar</legend>
      <label className="inline-field">
        Time zone
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} list="time-zones" spellCheck={false} />
        <datalist id="time-zones">
          {TIME_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <table className="settings-table" aria-label="Working hours">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Working hours (empty = closed)</th>
          </tr>
        </thead>
        <tbody>
          {DAYS.map(([day, name]) => (
            <tr key={day}>
              <th scope="row">{name}</th>
              <td>
                <input
                  aria-label={`${name} working hours`}
                  value={week[day]}
                  placeholder="Closed"
                  onChange={(e) => setWeek(week.map((w, i) => (i === day ? e.target.value : w)))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Several spans make breaks: “08:00-12:00, 13:00-17:00” is a lunch hour.</p>

      <h4>Holidays and closures</h4>
      {closures.length === 0 && <p className="muted small">No closed days.</p>}
      <ul className="closures">
        {closures.map((c) => (
          <li key={c}>
            {describeClosure(c)}
            <button type="button" className="link" aria-label={`Remove ${describeClosure(c)}`} onClick={() => setClosures(closures.filter((x) => x !== c))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="row-form">
        <label>
          Closed on
          <input type="date" value={newDate} onChange={(e) => setNewDate(e.target.value)} />
        </label>
        <label className="toggle">
          <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} />
          every year
        </label>
        <button type="button" onClick={addClosure} disabled={!newDate}>
          Add closed day
        </button>
        <label className="file-button">
          Import .ics…
          <input type="file" accept=".ics,text/calendar" onChange={(e) => void importIcs(e)} className="visually-hidden" />
        </label>
      </div>
      <SaveRow message={message} onSave={save} />
    </fieldset>
  );
}

export function SaveRow({ message, onSave }: { message: { error: boolean; text: string } | null; onSave(): void }) {
  return (
    <div className="save-row">
      <button type="button" className="primary" onClick={onSave}>
        Save
      </button>
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'muted small'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
