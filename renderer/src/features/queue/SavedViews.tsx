import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp } from '../../state/context.js';

const NONE: never[] = [];

/** The person's named queues in the sidebar: a click brings one back, × forgets it. */
export function SavedViewList() {
  const views = useApp((s) => s.preferences?.savedViews ?? NONE);
  const applySavedView = useApp((s) => s.applySavedView);
  const deleteSavedView = useApp((s) => s.deleteSavedView);
  if (!views.length) return null;
  return (
    <section aria-label="Saved views" className="saved-views">
      <h2 className="nav-heading">Saved views</h2>
      <ul className="nav-list">
        {views.map((v) => (
          <li key={v.name} className="saved-view">
            <button type="button" className="nav-item" onClick={() => void applySavedView(v)}>
              <span>{v.name}</span>
            </button>
            <button type="button" className="icon" aria-label={`Delete saved view ${v.name}`} onClick={() => void deleteSavedView(v.name)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Saves the queue as it is now under a name. */
export function SaveViewButton() {
  const saveCurrentView = useApp((s) => s.saveCurrentView);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!naming) {
    return (
      <button type="button" className="link" onClick={() => setNaming(true)}>
        Save view…
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const err = await saveCurrentView(name);
    setError(err?.message ?? null);
    if (!err) {
      setNaming(false);
      setName('');
    }
  };
  return (
    <form className="save-view" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}>
      <input aria-label="Name of the view" value={name} maxLength={60} autoFocus onChange={(e) => setName(e.target.value)} placeholder="e.g. My P1s" />
      <button type="submit" disabled={!name.trim()}>
        Save
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
