import type { FormEvent } from 'react';
import { useState } from 'react';
import type { Schedule } from '../../../../shared/config/schedule.js';
import type { RequestType } from '../../../../shared/sla/catalog.js';
import { formatMinutes } from '../../../../shared/sla/clocks.js';
import { FieldInput } from '../request/FieldInput.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { LabelledSelect, PRIORITY_CHOICES, named } from '../../ui/LabelledSelect.js';
import { WEEKDAYS, ordinal } from './recurrenceText.js';

const BUSINESS_DAYS = [
  ...Array.from({ length: 23 }, (_, i) => ({ value: String(i + 1), label: `${ordinal(i + 1)} business day` })),
  { value: '-1', label: 'last business day' },
];
const WEEKDAY_CHOICES = WEEKDAYS.map((w, i) => ({ value: String(i), label: w }));

/** A new schedule: to the first other department, monthly on its 1st business day, asked 5 working days ahead, from today. */
export function blankSchedule(departments: { name: string; catalog: RequestType[] }[], today: string): Schedule {
  const first = departments[0];
  return {
    id: `r${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
    name: '',
    department: first?.name ?? '',
    typeId: first?.catalog[0]?.id ?? 'general',
    title: '',
    details: '',
    answers: {},
    priority: 'P3',
    recurrence: { every: 'months', n: 1, businessDay: 1 },
    start: today,
    end: null,
    aheadDays: 5,
    paused: false,
    skips: [],
  };
}

/**
 * Adds or changes a recurring request: what it asks of which department (its catalog's type and
 * form), how often, from when to when, and how far ahead. The service checks it again.
 */
export function ScheduleForm({
  initial,
  departments,
  onSave,
  onCancel,
}: {
  initial: Schedule;
  /** The departments it may ask (not the viewer's own), with their catalogs. */
  departments: { name: string; catalog: RequestType[] }[];
  onSave(schedule: Schedule): Promise<string | null>;
  onCancel(): void;
}) {
  const [s, setS] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = (p: Partial<Schedule>) => setS({ ...s, ...p });
  const catalogOf = (department: string) => departments.find((d) => d.name === department)?.catalog ?? [];
  const type = catalogOf(s.department).find((t) => t.id === s.typeId);
  const r = s.recurrence;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const err = await onSave({ ...s, name: s.name.trim() || s.title.trim() });
    setBusy(false);
    setError(err);
  };
  return (
    <form className="schedule-form" aria-label={initial.name ? `Change ${initial.name}` : 'New recurring request'} onSubmit={(e) => void submit(e)}>
      <div className="row-form">
        <label className="grow">
          Title of each request
          <input value={s.title} required maxLength={1000} onChange={(e) => patch({ title: e.target.value })} />
        </label>
        <label className="grow">
          <span>
            Name of the schedule <span className="muted">(optional)</span>
          </span>
          <input value={s.name} maxLength={120} placeholder={s.title} onChange={(e) => patch({ name: e.target.value })} />
        </label>
      </div>
      <div className="row-form">
        <LabelledSelect
          label="Asked of"
          value={s.department}
          choices={named(departments.map((d) => d.name))}
          onChange={(department) => patch({ department, typeId: catalogOf(department)[0]?.id ?? s.typeId, answers: {} })}
        />
        <LabelledSelect
          label="Request type"
          value={s.typeId}
          choices={catalogOf(s.department).map((t) => ({ value: t.id, label: t.name }))}
          onChange={(typeId) => patch({ typeId, answers: {} })}
        />
        <LabelledSelect label="Priority" value={s.priority} choices={PRIORITY_CHOICES} onChange={(priority) => patch({ priority })} />
      </div>
      {type && type.fields.length > 0 && (
        <div className="row-form">
          {type.fields.map((f) => (
            <FieldInput
              key={f.id}
              field={f}
              value={Object.hasOwn(s.answers, f.id) ? s.answers[f.id]! : ''}
              onChange={(v) => patch({ answers: { ...s.answers, [f.id]: v } })}
            />
          ))}
        </div>
      )}
      <label>
        Details
        <textarea rows={2} value={s.details} maxLength={10_000} onChange={(e) => patch({ details: e.target.value })} />
      </label>
      <fieldset className="row-form">
        <legend>Repeats</legend>
        <label>
          Every
          <input
            type="number"
            min={1}
            max={r.every === 'weeks' ? 52 : 12}
            size={3}
            value={r.n}
            onChange={(e) => patch({ recurrence: { ...r, n: Math.max(1, Math.round(Number(e.target.value) || 1)) } })}
          />
        </label>
        <LabelledSelect
          label="Unit"
          name="Weeks or months"
          value={r.every}
          choices={[
            { value: 'weeks', label: r.n === 1 ? 'week' : 'weeks' },
            { value: 'months', label: r.n === 1 ? 'month' : 'months' },
          ]}
          onChange={(every) =>
            patch({ recurrence: every === 'weeks' ? { every, n: Math.min(r.n, 52), weekday: 1 } : { every, n: Math.min(r.n, 12), businessDay: 1 } })
          }
        />
        {r.every === 'weeks' ? (
          <LabelledSelect
            label="On"
            name="Weekday"
            value={String(r.weekday)}
            choices={WEEKDAY_CHOICES}
            onChange={(d) => patch({ recurrence: { ...r, weekday: Number(d) } })}
          />
        ) : (
          <LabelledSelect
            label="On the"
            name="Business day of the month"
            value={String(r.businessDay)}
            choices={BUSINESS_DAYS}
            onChange={(d) => patch({ recurrence: { ...r, businessDay: Number(d) } })}
          />
        )}
        <span className="muted small">in {s.department || 'its department'}’s working days</span>
      </fieldset>
      <div className="row-form">
        <label>
          From
          <input type="date" required value={s.start} onChange={(e) => patch({ start: e.target.value })} />
        </label>
        <label>
          <span>
            Until <span className="muted">(optional)</span>
          </span>
          <input type="date" value={s.end ?? ''} min={s.start} onChange={(e) => patch({ end: e.target.value || null })} />
        </label>
        <label>
          Ask ahead
          <input
            type="number"
            min={0}
            max={60}
            size={3}
            value={s.aheadDays}
            aria-describedby="ahead-unit"
            onChange={(e) => patch({ aheadDays: Math.min(60, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
          />
        </label>
        <span id="ahead-unit" className="muted small">
          working days before each date{type?.leadTimeMinutes ? ` (${type.name} needs ${formatMinutes(type.leadTimeMinutes)} notice)` : ''}
        </span>
      </div>
      <FormFooter error={error} onCancel={onCancel} cancel="Cancel" submit={busy ? 'Saving…' : 'Save'} disabled={busy} />
    </form>
  );
}
