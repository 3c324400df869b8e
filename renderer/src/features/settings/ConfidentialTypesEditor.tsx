import { useState } from 'react';
import type { RequestType } from '../../../../shared/sla/catalog.js';
import { SaveRow } from './CalendarEditor.js';
import type { SectionEditorProps } from './types.js';

/**
 * Which of a department's request types are confidential (docs/sync.md §Confidential requests):
 * their title, details and answers are sealed to the two departments on the shared folder.
 */
export function ConfidentialTypesEditor({ value, editable, onSave, catalog }: SectionEditorProps<string[]> & { catalog: RequestType[] }) {
  const [chosen, setChosen] = useState(() => new Set(value));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const save = async () => {
    const err = await onSave(catalog.filter((t) => chosen.has(t.id)).map((t) => t.id));
    setMessage(err ? { error: true, text: err } : { error: false, text: 'Saved. New requests of these types are sealed.' });
  };
  return (
    <fieldset className="settings-section" disabled={!editable}>
      <legend>Confidential request types</legend>
      <p className="muted small">
        Only the two departments of such a request read its title, details and answers; everyone else sees that it exists, between whom and by when. Requests
        already sent stay as they were sent.
      </p>
      <ul className="check-list">
        {catalog.map((t) => (
          <li key={t.id}>
            <label className="toggle">
              <input type="checkbox" checked={chosen.has(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} />
              {t.name}
            </label>
          </li>
        ))}
      </ul>
      {editable && <SaveRow message={message} onSave={() => void save()} />}
    </fieldset>
  );
}
