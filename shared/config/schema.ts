import { z } from 'zod';
import { PRIORITIES } from '../core/priority.js';
import { hasHiddenCharacters, isReservedName } from '../core/text.js';

/**
 * What a department's configuration must look like, checked where it enters: the admin screen's
 * save (through the contract) and every configuration operation read from the share.
 */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const interval = z.tuple([minuteOfDay, minuteOfDay]).refine(([s, e]) => s < e, 'Working hours must end after they start.');
const day = z
  .array(interval)
  .max(12)
  .refine((spans) => spans.every((span, i) => i === 0 || spans[i - 1]![1] <= span[0]), 'A day’s working hours must be in order and must not overlap.');

export const calendarSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { error: (iss) => `“${String(iss.input)}” is not a time zone; use an IANA name such as Europe/Berlin.` }),
  week: z
    .array(day)
    .length(7, 'The week needs hours for all seven days (an empty day is closed).')
    .refine((week) => week.some((d) => d.length > 0), 'A calendar needs working hours on at least one day of the week.'),
  closures: z
    .array(z.string().regex(/^(\d{4}|-)-\d\d-\d\d$/, 'A closure is a date (2026-12-24) or a yearly day (--12-24).'))
    .max(2_000, 'At most 2,000 closed days.'),
});

const minutes = (label: string) =>
  z
    .number({ error: `${label} must be a number of minutes.` })
    .int()
    .positive(`${label} must be more than zero.`)
    .max(365 * 24 * 60);
const targets = z
  .strictObject({ responseMinutes: minutes('Time to first response'), resolutionMinutes: minutes('Time to resolution') })
  .refine((t) => t.responseMinutes <= t.resolutionMinutes, 'Time to first response cannot be longer than time to resolution.');

export const policySchema = z.strictObject({
  targets: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, targets])) as Record<(typeof PRIORITIES)[number], typeof targets>),
  atRisk: z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]).refine(([a, b]) => a <= b, 'The first at-risk threshold must not be above the second.'),
});

const fieldSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z][\w-]{0,39}$/, 'A field id is a short word (letters, digits, - or _).')
      .refine((id) => !isReservedName(id), { error: (iss) => `“${String(iss.input)}” cannot be a field id; choose another.` }),
    label: z.string().trim().min(1, 'Every field needs a label.').max(80),
    kind: z.enum(['text', 'choice', 'date', 'number']),
    required: z.boolean(),
    options: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  })
  .refine((f) => f.kind !== 'choice' || (f.options?.length ?? 0) > 0, {
    error: (iss) => `The choice field “${(iss.input as { label: string }).label}” needs at least one option.`,
  });

const requestTypeSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,39}$/, 'A request type id is a short word (letters, digits, - or _).')
    .refine((id) => !isReservedName(id), { error: (iss) => `“${String(iss.input)}” cannot be a request type id; choose another.` }),
  name: z.string().trim().min(1, 'Every request type needs a name.').max(120),
  fields: z
    .array(fieldSchema)
    .max(30)
    .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, 'Two fields of one request type have the same id.'),
  defaultPriority: z.enum(PRIORITIES),
  leadTimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(365 * 24 * 60),
  notify: z.array(z.string().trim().min(1).max(80)).max(50),
});

export const catalogSchema = z
  .array(requestTypeSchema)
  .min(1, 'A catalog needs at least one request type, or nobody can ask this department for anything.')
  .max(100)
  .refine((ts) => new Set(ts.map((t) => t.id)).size === ts.length, 'Two request types have the same id.');

export const sectionSchemas = { calendar: calendarSchema, policy: policySchema, catalog: catalogSchema } as const;

/** An id inside a template or a schedule: a short plain word, never one a plain object already answers to. */
export const configId = z
  .string({ error: 'An id must be text.' })
  .regex(/^[A-Za-z][\w-]{0,39}$/, 'An id is a letter then up to 39 letters, digits, - or _.')
  .refine((k) => !isReservedName(k), 'That id is a reserved word; choose another.');

/** Text a person writes in configuration, trimmed, with its limit said by name. */
export const configText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString('en')} characters.`);

export const departmentName = z
  .string()
  .trim()
  .min(1, 'A department needs a name.')
  .max(80, 'A department name is at most 80 characters.')
  .refine((name) => !isReservedName(name), { error: (iss) => `“${String(iss.input)}” cannot be a department’s name; choose another.` })
  .refine((name) => !hasHiddenCharacters(name), 'A department name cannot hold control or text-direction characters.');

export const departmentConfigSchema = z.strictObject({ calendar: calendarSchema, policy: policySchema, catalog: catalogSchema });
