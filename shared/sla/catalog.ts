import type { Priority } from '../core/priority.js';
import type { BusinessCalendar } from './calendar.js';
import { addBusinessMinutes } from './calendar.js';

/**
 * A department's service catalog (DESIGN.md §4): the kinds of request it takes, each with its
 * form, default priority and how much notice it needs (lead time, in business minutes).
 */
export type FieldKind = 'text' | 'choice' | 'date' | 'number';

export interface CatalogField {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** For `choice` fields. */
  options?: string[] | undefined;
}

export interface RequestType {
  id: string;
  name: string;
  fields: CatalogField[];
  defaultPriority: Priority;
  leadTimeMinutes: number;
  /** Who is told about a new request of this type (issue 5 uses it). */
  notify: string[];
}

/** Answers of a request form, by field id, as the form sends them (text). */
export type FormValues = Record<string, string>;

/** Checks form answers against a request type; answers one message per field that is wrong. */
export function validateForm(type: RequestType, values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of type.fields) {
    const value = (values[field.id] ?? '').trim();
    if (!value) {
      if (field.required) problems[field.id] = `${field.label} is required.`;
      continue;
    }
    switch (field.kind) {
      case 'number':
        if (!Number.isFinite(Number(value))) problems[field.id] = `${field.label} must be a number.`;
        break;
      case 'date':
        if (!/^\d{4}-\d\d-\d\d$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
          problems[field.id] = `${field.label} must be a date (YYYY-MM-DD).`;
        break;
      case 'choice':
        if (!field.options?.includes(value)) problems[field.id] = `${field.label} must be one of: ${(field.options ?? []).join(', ')}.`;
        break;
      case 'text':
        if (value.length > 5_000) problems[field.id] = `${field.label} is too long (at most 5,000 characters).`;
        break;
    }
  }
  for (const id of Object.keys(values)) {
    if (!type.fields.some((f) => f.id === id)) problems[id] = `“${type.name}” has no field called ${id}.`;
  }
  return problems;
}

export interface LeadTimeCheck {
  /** The earliest needed-by date the type's notice allows, counted in the provider's business time. */
  earliestStandard: Date;
  /** True when the requested date is sooner: the request is marked short notice. */
  shortNotice: boolean;
}

/**
 * The lead-time guard: a needed-by date sooner than the type's notice is allowed, but the
 * request is marked short notice and the requester is shown the earliest standard date.
 */
export function checkLeadTime(type: RequestType, neededBy: Date, now: Date, providerCalendar: BusinessCalendar): LeadTimeCheck {
  const earliestStandard = addBusinessMinutes(providerCalendar, now, type.leadTimeMinutes);
  return { earliestStandard, shortNotice: neededBy.getTime() < earliestStandard.getTime() };
}
