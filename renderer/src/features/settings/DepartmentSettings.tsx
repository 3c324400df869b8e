import type { FormEvent } from 'react';
import { useState } from 'react';
import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import { useApp } from '../../state/context.js';
import { selectDepartment } from '../../state/selectors.js';
import { CalendarEditor } from './CalendarEditor.js';
import { CatalogEditor } from './CatalogEditor.js';
import { ConfidentialTypesEditor } from './ConfidentialTypesEditor.js';
import { PolicyEditor } from './PolicyEditor.js';
import { ServicePageEditor } from './ServicePageEditor.js';
import { TemplatesEditor } from './TemplatesEditor.js';

/**
 * Calendar, service levels and catalog of a department. Everyone can read every department's
 * (so a requester sees what to expect); members change their own.
 */
export function DepartmentSettings() {
  const mine = useApp(selectDepartment);
  const config = useApp((s) => s.config);
  const saveDepartmentConfig = useApp((s) => s.saveDepartmentConfig);
  const saveConfidentialTypes = useApp((s) => s.saveConfidentialTypes);
  const saveServicePage = useApp((s) => s.saveServicePage);
  const saveTemplates = useApp((s) => s.saveTemplates);
  const addDepartment = useApp((s) => s.addDepartment);
  const [shown, setShown] = useState(mine);
  const [newName, setNewName] = useState('');
  const [addError, setAddError] = useState<string | null>(null);

  if (!config) return <p className="state-message muted">Loading settings…</p>;
  const entry = config.departments.find((d) => d.name === shown) ?? config.departments.find((d) => d.name === mine);
  if (!entry) return <p className="state-message muted">No departments yet.</p>;
  const editable = entry.name === mine;

  const save = async (input: ApiInputs['saveDepartmentConfig']) => (await saveDepartmentConfig(input))?.message ?? null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const err = await addDepartment(newName.trim());
    setAddError(err?.message ?? null);
    if (!err) {
      setShown(newName.trim());
      setNewName('');
    }
  };

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="queue-header">
        <h1 id="settings-title">Department settings</h1>
        <label className="inline-field">
          Department
          <select value={entry.name} onChange={(e) => setShown(e.target.value)}>
            {config.departments.map((d) => (
              <option key={d.name}>{d.name}</option>
            ))}
          </select>
        </label>
      </header>
      {!editable && (
        <p className="notice">
          You are in {mine}; {entry.name}’s settings are shown read-only. Its members change them.
        </p>
      )}
      {/* Keyed by department, so switching departments starts each editor from that department's saved values. */}
      <div className="settings-body" key={entry.name}>
        <CalendarEditor value={entry.config.calendar} editable={editable} onSave={(value) => save({ department: entry.name, section: 'calendar', value })} />
        <PolicyEditor value={entry.config.policy} editable={editable} onSave={(value) => save({ department: entry.name, section: 'policy', value })} />
        <CatalogEditor value={entry.config.catalog} editable={editable} onSave={(value) => save({ department: entry.name, section: 'catalog', value })} />
        <ConfidentialTypesEditor
          value={entry.confidentialTypes}
          catalog={entry.config.catalog}
          editable={editable}
          onSave={async (types) => (await saveConfidentialTypes({ department: entry.name, types }))?.message ?? null}
        />
        <ServicePageEditor
          value={entry.service}
          catalog={entry.config.catalog}
          departments={config.departments.map((d) => d.name).filter((d) => d !== entry.name)}
          editable={editable}
          onSave={async (page) => (await saveServicePage({ department: entry.name, page }))?.message ?? null}
        />
        <TemplatesEditor
          value={entry.templates}
          departments={config.departments.map((d) => ({ name: d.name, catalog: d.config.catalog }))}
          editable={editable}
          onSave={async (templates) => (await saveTemplates({ department: entry.name, templates }))?.message ?? null}
        />
      </div>
      <form className="row-form add-department" onSubmit={add}>
        <label>
          New department
          <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={80} />
        </label>
        <button type="submit" disabled={!newName.trim()}>
          Add department
        </button>
        {addError && (
          <span role="alert" className="form-error">
            {addError}
          </span>
        )}
      </form>
    </section>
  );
}
