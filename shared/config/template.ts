import { z } from 'zod';
import { PRIORITIES } from '../core/priority.js';
import type { Priority } from '../core/priority.js';
import { configId as key, configText as line, departmentName } from './schema.js';

/**
 * Work that crosses departments, as a department writes it down once (issue 19): HR's "New
 * colleague" asks its own questions (name, start date, role) and lists a step per department, each
 * a request of that department's type with a title and answers filled from the questions, due a
 * number of that department's working days before or after the anchor date, and waiting for the
 * steps it needs first (Facilities' desk after HR's contract).
 */
export interface Template {
  id: string;
  name: string;
  description: string;
  /** The date question every step's due date counts from. */
  anchor: string;
  questions: TemplateQuestion[];
  steps: TemplateStep[];
}

export interface TemplateQuestion {
  id: string;
  label: string;
  kind: 'text' | 'date' | 'choice';
  required: boolean;
  options?: string[] | undefined;
}

export interface TemplateStep {
  id: string;
  /** The providing department, and the request type of its catalog the step is. */
  department: string;
  typeId: string;
  /** "Laptop for {name}": `{question id}` is replaced by the answer. */
  title: string;
  /** The type's form answers, with placeholders too. */
  answers: Record<string, string>;
  /** Working days of the providing department after the anchor date (negative: before) the step is needed by. */
  dueDays: number;
  /** Steps (by id) that must be done before this one's turn comes. */
  waitsFor: string[];
  priority: Priority;
}

export const MAX_TEMPLATES = 50;
export const MAX_STEPS = 30;

const questionSchema = z.strictObject({
  id: key,
  label: line('A question', 200).min(1, 'A question needs its text.'),
  kind: z.enum(['text', 'date', 'choice'], { error: 'A question is text, a date or a choice.' }),
  required: z.boolean({ error: 'Required is yes or no.' }),
  options: z.array(line('An option', 100).min(1, 'An option cannot be empty.')).max(30, 'At most 30 options.').optional(),
});

const stepSchema = z.strictObject({
  id: key,
  department: departmentName,
  typeId: key,
  title: line('A step’s title', 200).min(1, 'A step needs a title.'),
  answers: z.record(key, line('An answer', 2_000)).refine((a) => Object.keys(a).length <= 40, 'At most 40 answers a step.'),
  dueDays: z
    .number({ error: 'Due days must be a number.' })
    .int('Due days are whole working days.')
    .min(-250, 'A step is due at most 250 working days before the anchor date.')
    .max(250, 'A step is due at most 250 working days after the anchor date.'),
  waitsFor: z.array(key).max(MAX_STEPS),
  priority: z.enum(PRIORITIES, { error: 'A priority is P1, P2, P3 or P4.' }),
});

/** A template as it may be written to the share: checked in shape and in meaning (an anchor that is a date question, steps that wait for steps it has, no circle). */
export const templateSchema = z
  .strictObject({
    id: key,
    name: line('A template’s name', 120).min(1, 'A template needs a name.'),
    description: line('A description', 2_000),
    anchor: key,
    questions: z.array(questionSchema).min(1, 'A template asks at least its anchor date.').max(30, 'At most 30 questions.'),
    steps: z.array(stepSchema).min(1, 'A template has at least one step.').max(MAX_STEPS, `At most ${MAX_STEPS} steps.`),
  })
  .superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const templatesSchema = z
  .array(templateSchema, { error: 'Templates must be a list of templates.' })
  .max(MAX_TEMPLATES, `At most ${MAX_TEMPLATES} templates a department.`);

/** What is wrong with a template's meaning, in a sentence, or null. */
export function templateProblem(t: Template): string | null {
  const questions = new Set<string>();
  for (const q of t.questions) {
    if (questions.has(q.id)) return `Two questions are called “${q.id}”.`;
    questions.add(q.id);
    if (q.kind === 'choice' && !q.options?.length) return `The question “${q.label}” is a choice without options.`;
  }
  const anchor = t.questions.find((q) => q.id === t.anchor);
  if (anchor?.kind !== 'date' || !anchor.required) return `The anchor “${t.anchor}” must be one of its questions, a date that must be answered.`;
  const steps = new Map(t.steps.map((s) => [s.id, s]));
  if (steps.size !== t.steps.length) return 'Two steps have the same id.';
  for (const s of t.steps) {
    for (const w of s.waitsFor) if (!steps.has(w) || w === s.id) return `The step “${s.title}” waits for “${w}”, which is not another of its steps.`;
    for (const placeholder of placeholders(`${s.title} ${Object.values(s.answers).join(' ')}`)) {
      if (!questions.has(placeholder)) return `The step “${s.title}” uses {${placeholder}}, which is not one of the questions.`;
    }
  }
  // Waiting in a circle would leave every step of it waiting for ever.
  const state = new Map<string, 'visiting' | 'done'>();
  const circular = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'visiting') return true;
    state.set(id, 'visiting');
    if (steps.get(id)!.waitsFor.some(circular)) return true;
    state.set(id, 'done');
    return false;
  };
  for (const s of t.steps) if (circular(s.id)) return `The steps wait for each other in a circle (through “${s.title}”): none could ever start.`;
  return null;
}

const PLACEHOLDER = /\{([A-Za-z][\w-]{0,39})\}/g;
const placeholders = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** `text` with each `{question id}` replaced by its answer (an unanswered one by nothing). */
export const fillIn = (text: string, answers: Record<string, string>): string =>
  text.replace(PLACEHOLDER, (_, id: string) => (Object.hasOwn(answers, id) ? answers[id]! : '')).trim();
