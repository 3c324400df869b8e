import { useState } from 'react';
import type { ServicePage } from '../../../../shared/config/servicePage.js';
import type { RequestType } from '../../../../shared/sla/catalog.js';
import { SaveRow } from './CalendarEditor.js';
import type { SectionEditorProps } from './types.js';

type TypeNotes = ServicePage['types'][string];

/**
 * The department's service page (docs/sync.md §Service pages): what it does and does not, its
 * vision, contacts, what it needs from whom, per request type what it is for, what to attach and
 * help per question, and how long a done request may be reopened. Anyone reads it under Departments.
 */
export function ServicePageEditor({
  value,
  editable,
  onSave,
  catalog,
  departments,
}: SectionEditorProps<ServicePage> & { catalog: RequestType[]; departments: string[] }) {
  const [page, setPage] = useState(value);
  const [contacts, setContacts] = useState(value.contacts.join('\n'));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const patch = (p: Partial<ServicePage>) => setPage({ ...page, ...p });
  const patchType = (id: string, p: Partial<TypeNotes>) => patch({ types: { ...page.types, [id]: { ...page.types[id], ...p } } });
  const save = async () => {
    const lines = contacts
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // Empty notes are left out: a type without a description shows none, not an empty one.
    const types = Object.fromEntries(
      Object.entries(page.types)
        .map(([id, t]) => [id, Object.fromEntries(Object.entries(t).filter(([k, v]) => (k === 'help' ? Object.values(v as object).some(Boolean) : v)))])
        .filter(([, t]) => Object.keys(t as object).length),
    );
    const err = await onSave({ ...page, contacts: lines, types });
    setMessage(err ? { error: true, text: err } : { error: false, text: 'Saved. Everyone sees it under Departments, and in New request.' });
  };
  return (
    <fieldset className="settings-section service-editor" disabled={!editable}>
      <legend>Service page</legend>
      <label>
        Our service in a sentence
        <input value={page.vision} onChange={(e) => patch({ vision: e.target.value })} maxLength={300} />
      </label>
      <div className="two-columns">
        <label>
          What we do
          <textarea rows={3} value={page.does} onChange={(e) => patch({ does: e.target.value })} maxLength={2000} />
        </label>
        <label>
          What we don’t do
          <textarea rows={3} value={page.doesNot} onChange={(e) => patch({ doesNot: e.target.value })} maxLength={2000} />
        </label>
      </div>
      <label>
        <span>
          Contacts <span className="muted">(one a line)</span>
        </span>
        <textarea rows={2} value={contacts} onChange={(e) => setContacts(e.target.value)} />
      </label>
      <fieldset className="needs-editor">
        <legend>What we need from you</legend>
        {page.needs.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity.
          <div className="row-form" key={i}>
            <label>
              From
              <select value={n.from} onChange={(e) => patch({ needs: page.needs.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)) })}>
                <option value="*">Every department</option>
                {departments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <label className="grow">
              We need
              <input
                value={n.text}
                onChange={(e) => patch({ needs: page.needs.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
                maxLength={500}
              />
            </label>
            <button type="button" className="link" onClick={() => patch({ needs: page.needs.filter((_, j) => j !== i) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => patch({ needs: [...page.needs, { from: '*', text: '' }] })}>
          Add a need
        </button>
      </fieldset>
      {catalog.map((t) => {
        const notes = page.types[t.id] ?? {};
        return (
          <details key={t.id} className="type-notes">
            <summary>
              {t.name} <span className="muted small">· what it is for, what to attach, help per question</span>
            </summary>
            <label>
              What it is for
              <input value={notes.description ?? ''} onChange={(e) => patchType(t.id, { description: e.target.value })} maxLength={1000} />
            </label>
            <label>
              What to attach
              <input value={notes.attach ?? ''} onChange={(e) => patchType(t.id, { attach: e.target.value })} maxLength={500} />
            </label>
            <label>
              What a late one costs
              <select
                value={notes.stake === undefined ? '' : 'perHour' in notes.stake ? 'perHour' : `field:${notes.stake.field}`}
                onChange={(e) => {
                  const v = e.target.value;
                  patchType(t.id, { stake: v === '' ? undefined : v === 'perHour' ? { perHour: 0 } : { field: v.slice(6) } });
                }}
              >
                <option value="">Not said</option>
                {t.fields
                  .filter((f) => f.kind === 'number')
                  .map((f) => (
                    <option key={f.id} value={`field:${f.id}`}>
                      The answer to “{f.label}”
                    </option>
                  ))}
                <option value="perHour">A cost per business hour past due</option>
              </select>
            </label>
            {notes.stake && 'perHour' in notes.stake && (
              <label>
                Cost per hour late
                <input type="number" min={0} value={notes.stake.perHour} onChange={(e) => patchType(t.id, { stake: { perHour: Number(e.target.value) } })} />
              </label>
            )}
            {t.fields.map((f) => (
              <label key={f.id}>
                Help for “{f.label}”
                <input
                  value={notes.help?.[f.id] ?? ''}
                  onChange={(e) => patchType(t.id, { help: { ...notes.help, [f.id]: e.target.value } })}
                  maxLength={500}
                />
              </label>
            ))}
          </details>
        );
      })}
      <label className="inline-field">
        Reopen within
        <input
          type="number"
          min={0}
          max={60}
          value={page.reopenDays}
          onChange={(e) => patch({ reopenDays: Number(e.target.value) })}
          aria-describedby="reopen-hint"
        />
        <span id="reopen-hint" className="muted small">
          business days of done (0: never)
        </span>
      </label>
      {editable && <SaveRow message={message} onSave={() => void save()} />}
    </fieldset>
  );
}
