import { useState } from 'react';
import type { Priority } from '../../../../shared/core/priority.js';
import { PRIORITIES } from '../../../../shared/core/priority.js';
import type { CatalogField, FieldKind, RequestType } from '../../../../shared/sla/catalog.js';
import { SaveRow } from './CalendarEditor.js';
import type { SectionEditorProps } from './types.js';

/** A business day of lead time is 8 business hours, as the clocks count it. */
const DAY = 8 * 60;
const KINDS: FieldKind[] = ['text', 'choice', 'date', 'number'];

interface FieldDraft {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options: string;
}
interface TypeDraft {
  id: string;
  name: string;
  defaultPriority: Priority;
  lead: string;
  unit: 'hours' | 'days';
  notify: string;
  fields: FieldDraft[];
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function draftOf(t: RequestType): TypeDraft {
  const days = t.leadTimeMinutes % DAY === 0 && t.leadTimeMinutes > 0;
  return {
    id: t.id,
    name: t.name,
    defaultPriority: t.defaultPriority,
    lead: String(days ? t.leadTimeMinutes / DAY : t.leadTimeMinutes / 60),
    unit: days ? 'days' : 'hours',
    notify: t.notify.join(', '),
    fields: t.fields.map((f) => ({ id: f.id, label: f.label, kind: f.kind, required: f.required, options: (f.options ?? []).join(', ') })),
  };
}

/** A new id from a name, unique among `taken`: ids are what forms are stored under, so they never change once saved. */
function idFrom(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'item';
  const start = /^[a-z]/.test(base) ? base : `t-${base}`;
  let id = start;
  for (let n = 2; taken.includes(id); n++) id = `${start}-${n}`;
  return id;
}

function typeOf(d: TypeDraft): RequestType {
  const fields: CatalogField[] = d.fields.map((f) => ({
    id: f.id,
    label: f.label.trim(),
    kind: f.kind,
    required: f.required,
    ...(f.kind === 'choice' ? { options: list(f.options) } : {}),
  }));
  return {
    id: d.id,
    name: d.name.trim(),
    defaultPriority: d.defaultPriority,
    leadTimeMinutes: Math.round(Number(d.lead || 0) * (d.unit === 'days' ? DAY : 60)),
    notify: list(d.notify),
    fields,
  };
}

export function CatalogEditor({ value, editable, onSave }: SectionEditorProps<RequestType[]>) {
  const [types, setTypes] = useState(() => value.map(draftOf));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const update = (i: number, patch: Partial<TypeDraft>) => setTypes(types.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const updateField = (i: number, k: number, patch: Partial<FieldDraft>) =>
    update(i, { fields: types[i]!.fields.map((f, j) => (j === k ? { ...f, ...patch } : f)) });

  const save = async () => {
    const badLead = types.find((t) => !(Number(t.lead || 0) >= 0));
    if (badLead) return setMessage({ error: true, text: `The lead time of “${badLead.name}” must be a number of hours or days (0 for none).` });
    const err = await onSave(types.map(typeOf));
    setMessage(err ? { error: true, text: err } : { error: false, text: 'Catalog saved. New requests use it at once.' });
  };

  return (
    <fieldset className="settings-section" disabled={!editable}>
      <legend>Service catalog</legend>
      {types.map((t, i) => (
        <section key={t.id} className="catalog-type" aria-label={`Request type ${t.name || '(unnamed)'}`}>
          <div className="row-form">
            <label className="grow">
              Name
              <input value={t.name} onChange={(e) => update(i, { name: e.target.value })} />
            </label>
            <label>
              Default priority
              <select value={t.defaultPriority} onChange={(e) => update(i, { defaultPriority: e.target.value as Priority })}>
                {PRIORITIES.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <label>
              Lead time
              <span className="pair">
                <input
                  className="narrow"
                  inputMode="decimal"
                  aria-label={`${t.name} lead time`}
                  value={t.lead}
                  onChange={(e) => update(i, { lead: e.target.value })}
                />
                <select aria-label={`${t.name} lead time unit`} value={t.unit} onChange={(e) => update(i, { unit: e.target.value as TypeDraft['unit'] })}>
                  <option value="hours">business hours</option>
                  <option value="days">business days</option>
                </select>
              </span>
            </label>
            <label className="grow">
              Notify
              <input value={t.notify} onChange={(e) => update(i, { notify: e.target.value })} placeholder="Names, separated by commas" />
            </label>
            <button type="button" className="link danger" onClick={() => setTypes(types.filter((_, j) => j !== i))}>
              Remove type
            </button>
          </div>
          <table className="settings-table fields-table" aria-label={`Form fields of ${t.name}`}>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Kind</th>
                <th scope="col">Required</th>
                <th scope="col">Choices (comma-separated)</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {t.fields.map((f, k) => (
                <tr key={f.id}>
                  <td>
                    <input aria-label={`${t.name} field label`} value={f.label} onChange={(e) => updateField(i, k, { label: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`${f.label} kind`} value={f.kind} onChange={(e) => updateField(i, k, { kind: e.target.value as FieldKind })}>
                      {KINDS.map((kind) => (
                        <option key={kind}>{kind}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${f.label} required`}
                      checked={f.required}
                      onChange={(e) => updateField(i, k, { required: e.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${f.label} choices`}
                      value={f.options}
                      disabled={f.kind !== 'choice'}
                      onChange={(e) => updateField(i, k, { options: e.target.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove field ${f.label}`}
                      onClick={() => update(i, { fields: t.fields.filter((_, j) => j !== k) })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="link"
            onClick={() =>
              update(i, {
                fields: [
                  ...t.fields,
                  {
                    id: idFrom(
                      `field ${t.fields.length + 1}`,
                      t.fields.map((f) => f.id),
                    ),
                    label: '',
                    kind: 'text',
                    required: false,
                    options: '',
                  },
                ],
              })
            }
          >
            Add field
          </button>
        </section>
      ))}
      <button
        type="button"
        onClick={() =>
          setTypes([
            ...types,
            {
              id: idFrom(
                `type ${types.length + 1}`,
                types.map((t) => t.id),
              ),
              name: '',
              defaultPriority: 'P3',
              lead: '0',
              unit: 'hours',
              notify: '',
              fields: [],
            },
          ])
        }
      >
        Add request type
      </button>
      <SaveRow message={message} onSave={save} />
    </fieldset>
  );
}
