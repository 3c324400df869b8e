import type { TemplateStep } from '../../../../shared/config/template.js';
import { PRIORITIES } from '../../../../shared/core/priority.js';
import type { RequestType } from '../../../../shared/sla/catalog.js';

/** One step of a template: the department that does it and its request type, the title, when it is due in that department's days, what it waits for, and the type's answers. */
export function TemplateStepEditor({
  step: s,
  position,
  others,
  anchor,
  departments,
  onChange,
  onRemove,
}: {
  step: TemplateStep;
  position: number;
  /** The template's other steps, which this one may wait for. */
  others: TemplateStep[];
  /** What the anchor date is called ("start date"). */
  anchor: string;
  departments: { name: string; catalog: RequestType[] }[];
  onChange(change: Partial<TemplateStep>): void;
  onRemove(): void;
}) {
  const catalogOf = (department: string) => departments.find((d) => d.name === department)?.catalog ?? [];
  const type = catalogOf(s.department).find((c) => c.id === s.typeId);
  return (
    <fieldset className="template-step">
      <legend>Step {position}</legend>
      <div className="row-form">
        <label>
          Department
          <select
            value={s.department}
            onChange={(e) => onChange({ department: e.target.value, typeId: catalogOf(e.target.value)[0]?.id ?? s.typeId, answers: {} })}
          >
            {departments.map((d) => (
              <option key={d.name}>{d.name}</option>
            ))}
          </select>
        </label>
        <label>
          Request type
          <select value={s.typeId} onChange={(e) => onChange({ typeId: e.target.value, answers: {} })}>
            {catalogOf(s.department).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Title
          <input value={s.title} onChange={(e) => onChange({ title: e.target.value })} maxLength={200} />
        </label>
      </div>
      <div className="row-form">
        <label>
          Due
          <input
            type="number"
            min={0}
            max={250}
            value={Math.abs(s.dueDays)}
            onChange={(e) => onChange({ dueDays: Math.sign(s.dueDays || -1) * Math.abs(Math.round(Number(e.target.value) || 0)) })}
            size={4}
          />
        </label>
        <label>
          <span className="visually-hidden">Before or after</span>
          <select
            value={s.dueDays <= 0 ? 'before' : 'after'}
            onChange={(e) => onChange({ dueDays: (e.target.value === 'after' ? 1 : -1) * Math.abs(s.dueDays) })}
          >
            <option value="before">working days before</option>
            <option value="after">working days after</option>
          </select>
        </label>
        <span className="muted small">
          the {anchor}, in {s.department}’s days
        </span>
        <label>
          Priority
          <select value={s.priority} onChange={(e) => onChange({ priority: e.target.value as TemplateStep['priority'] })}>
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      </div>
      {others.length > 0 && (
        <fieldset className="inline-choices">
          <legend>Waits for</legend>
          {others.map((o) => (
            <label key={o.id} className="toggle">
              <input
                type="checkbox"
                checked={s.waitsFor.includes(o.id)}
                onChange={(e) => onChange({ waitsFor: e.target.checked ? [...s.waitsFor, o.id] : s.waitsFor.filter((w) => w !== o.id) })}
              />
              {o.title || o.department}
            </label>
          ))}
        </fieldset>
      )}
      {type && type.fields.length > 0 && (
        <div className="row-form">
          {type.fields.map((f) => (
            <label key={f.id}>
              {f.label}
              <input
                value={Object.hasOwn(s.answers, f.id) ? s.answers[f.id]! : ''}
                onChange={(e) => onChange({ answers: { ...s.answers, [f.id]: e.target.value } })}
                maxLength={2000}
              />
            </label>
          ))}
        </div>
      )}
      <button type="button" className="link" onClick={onRemove}>
        Remove this step
      </button>
    </fieldset>
  );
}
