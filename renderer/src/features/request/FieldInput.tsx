import type { CatalogField } from '../../../../shared/sla/catalog.js';

/** One question of a request type's form, as its catalog entry defines it, with what is wrong with the answer. */
export function FieldInput({
  field,
  value,
  error,
  help,
  onChange,
}: {
  field: CatalogField;
  value: string;
  error?: string;
  help?: string;
  onChange(v: string): void;
}) {
  const id = `form-${field.id}`;
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    required: field.required,
  } as const;
  // The help sits beside the label, not in it: a question's name stays its label alone.
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>
          {field.label}
          {!field.required && <span className="muted"> (optional)</span>}
        </span>
        {field.kind === 'choice' ? (
          <select {...common} onChange={(e) => onChange(e.target.value)}>
            <option value="">Choose…</option>
            {field.options?.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={field.kind === 'text' ? 'text' : field.kind}
            {...(field.kind === 'number' ? { step: 'any' } : {})}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
      </label>
      {help && (
        <span id={`${id}-help`} className="muted small">
          {help}
        </span>
      )}
    </div>
  );
}
