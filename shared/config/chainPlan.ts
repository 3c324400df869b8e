import type { Priority } from '../core/priority.js';
import { checkLeadTime, validateForm } from '../sla/catalog.js';
import { isDayText, workingDay, workingDaysFrom } from '../sla/calendar.js';
import type { DepartmentConfig } from './department.js';
import type { Template } from './template.js';
import { fillIn } from './template.js';

/** One step of a chain as it would be sent: its request, the date it is needed by in its department's days, and whether that is short notice. */
export interface PlannedStep {
  step: string;
  department: string;
  typeId: string;
  /** The type's name in the department's catalog, or null when the catalog has no such type. */
  type: string | null;
  title: string;
  form: Record<string, string>;
  priority: Priority;
  /** The end of the working day the step is due, in its department's calendar; null when it could not be counted. */
  neededBy: string | null;
  /** The notice the type asks for, and the earliest date that notice allows. */
  leadTimeMinutes: number;
  earliestStandard: string | null;
  shortNotice: boolean;
  waitsFor: string[];
  /** Why this step cannot be sent as it is, or null. */
  problem: string | null;
}

/**
 * A template's steps for one launch (issue 19): each step's date counted from the anchor date in
 * the working days of the department that does it (its time zone, hours and holidays), its lead
 * time against now, its title and answers filled in. `problems` are the answers' own (a required
 * question left empty, a date that is not one); a step's own problem is on the step. `answers`
 * are the answers as a launch keeps them: trimmed, the empty ones left out.
 */
export function planChain(
  template: Template,
  answers: Record<string, string>,
  configOf: (department: string) => DepartmentConfig | undefined,
  now: Date,
): { steps: PlannedStep[]; problems: string[]; answers: Record<string, string> } {
  const given = Object.fromEntries(
    Object.entries(answers)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );
  const problems: string[] = [];
  for (const q of template.questions) {
    const a = Object.hasOwn(given, q.id) ? given[q.id]! : '';
    if (!a) {
      if (q.required) problems.push(`${q.label} is required.`);
    } else if (q.kind === 'date' && !isDayText(a)) problems.push(`${q.label} must be a date such as 2026-12-01.`);
    else if (q.kind === 'choice' && !q.options?.includes(a)) problems.push(`${q.label} must be one of: ${q.options?.join(', ')}.`);
  }
  const anchor = Object.hasOwn(given, template.anchor) && isDayText(given[template.anchor]!) ? given[template.anchor]! : null;
  const steps = template.steps.map((s): PlannedStep => {
    const config = configOf(s.department);
    const type = config?.catalog.find((t) => t.id === s.typeId) ?? null;
    const form = Object.fromEntries(Object.entries(s.answers).map(([k, v]) => [k, fillIn(v, given)]));
    const planned: PlannedStep = {
      step: s.id,
      department: s.department,
      typeId: s.typeId,
      type: type?.name ?? null,
      title: fillIn(s.title, given),
      form,
      priority: s.priority,
      neededBy: null,
      leadTimeMinutes: type?.leadTimeMinutes ?? 0,
      earliestStandard: null,
      shortNotice: false,
      waitsFor: s.waitsFor,
      problem: null,
    };
    if (!config || !type) return { ...planned, problem: `${s.department} has no request type “${s.typeId}” (any more); the template needs changing.` };
    if (!anchor) return planned;
    const due = workingDaysFrom(config.calendar, anchor, s.dueDays);
    if (!due)
      return { ...planned, problem: `${s.department}'s calendar has no working day ${Math.abs(s.dueDays)} days from ${anchor}; check its hours and closures.` };
    const neededBy = workingDay(config.calendar, due).end;
    const lead = checkLeadTime(type, neededBy, now, config.calendar);
    const formProblems = Object.values(validateForm(type, form));
    return {
      ...planned,
      neededBy: neededBy.toISOString(),
      earliestStandard: lead.earliestStandard.toISOString(),
      shortNotice: lead.shortNotice,
      problem: neededBy.getTime() < now.getTime() ? `Its date (${due}) has already passed.` : formProblems.length ? formProblems.join(' ') : null,
    };
  });
  return { steps, problems, answers: given };
}
