import type { Priority } from '../../../shared/core/priority.js';
import { PRIORITIES, PRIORITY_LABELS } from '../../../shared/core/priority.js';

/** One choice of a select: what it stores, and what a person reads. */
export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** Choices whose stored value is also what a person reads (names of departments, people). */
export const named = (names: readonly string[]): Choice<string>[] => names.map((n) => ({ value: n, label: n }));

/** The priorities, as every priority menu offers them. */
export const PRIORITY_CHOICES: Choice<Priority>[] = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

/**
 * A select inside its visible label. `name` is its accessible name when that should say more than
 * the label does (a bar of short labels: "From" is the requesting department).
 */
export function LabelledSelect<V extends string>({
  label,
  name,
  value,
  choices,
  onChange,
}: {
  label: string;
  name?: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
}) {
  return (
    <label>
      {label}
      <select aria-label={name ?? label} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
