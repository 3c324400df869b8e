import { describe, expect, it } from 'vitest';
import { planChain } from '../../shared/config/chainPlan.js';
import type { DepartmentConfig } from '../../shared/config/department.js';
import { DEFAULT_POLICY } from '../../shared/config/department.js';
import type { Template } from '../../shared/config/template.js';
import { fillIn, templateProblem, templateSchema } from '../../shared/config/template.js';
import { weekdays } from '../../shared/sla/calendar.js';
import type { RequestType } from '../../shared/sla/catalog.js';

const H = 60;
const type = (id: string, leadDays: number, fields: RequestType['fields'] = []): RequestType => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  fields,
  defaultPriority: 'P3',
  leadTimeMinutes: leadDays * 8 * H,
  notify: [],
});
/** Office hours 08–12 and 13–17 on weekdays in `timeZone`, closed on `closures`. */
const department = (timeZone: string, closures: string[] = []): DepartmentConfig => ({
  calendar: { timeZone, week: weekdays('08:00-12:00', '13:00-17:00'), closures },
  policy: DEFAULT_POLICY,
  catalog: [type('laptop', 10, [{ id: 'model', label: 'Model', kind: 'text', required: true }]), type('desk', 0), type('contract', 2)],
});

const newColleague = (dueDays: number, department: string, typeId = 'desk'): Template => ({
  id: 'new-colleague',
  name: 'New colleague',
  description: '',
  anchor: 'start',
  questions: [
    { id: 'name', label: 'Name', kind: 'text', required: true },
    { id: 'start', label: 'Start date', kind: 'date', required: true },
  ],
  steps: [{ id: 'step', department, typeId, title: 'Desk for {name}', answers: {}, dueDays, waitsFor: [], priority: 'P3' }],
});

const DEPARTMENTS: Record<string, DepartmentConfig> = {
  Facilities: department('Europe/Berlin', ['--12-25', '--12-26', '2026-12-24']),
  IT: department('America/New_York'),
};
const NOW = new Date('2026-10-01T08:00:00Z');

describe('a chain’s dates, counted in the working days of each step’s department', () => {
  it.each<[string, string, number, string, string]>([
    // [what, department, due days, anchor, needed by (the end of that working day)]
    [
      '5 working days before a Monday: the Monday before (Berlin, after its clocks went back: 17:00 is 16:00 UTC)',
      'Facilities',
      -5,
      '2026-11-02',
      '2026-10-26T16:00:00.000Z',
    ],
    ['the working day before, across Berlin’s change of clocks (summer time: 17:00 is 15:00 UTC)', 'Facilities', -1, '2026-10-26', '2026-10-23T15:00:00.000Z'],
    ['the working day before, across New York’s change a week later (EDT: 17:00 is 21:00 UTC)', 'IT', -1, '2026-11-02', '2026-10-30T21:00:00.000Z'],
    ['on the anchor date itself (EST: 17:00 is 22:00 UTC)', 'IT', 0, '2026-11-02', '2026-11-02T22:00:00.000Z'],
    ['2 working days before 28 December, over Christmas and a one-off closed 24th', 'Facilities', -2, '2026-12-28', '2026-12-22T16:00:00.000Z'],
    ['3 working days after a Thursday, over the weekend', 'IT', 3, '2026-11-19', '2026-11-24T22:00:00.000Z'],
    ['on a closed anchor date itself: that day, 09:00–17:00', 'Facilities', 0, '2026-12-25', '2026-12-25T16:00:00.000Z'],
  ])('%s', (_, dept, dueDays, start, neededBy) => {
    const { steps, problems } = planChain(newColleague(dueDays, dept), { name: 'Dana', start }, (d) => DEPARTMENTS[d], NOW);
    expect(problems).toEqual([]);
    expect(steps[0]).toMatchObject({ title: 'Desk for Dana', neededBy, problem: null });
  });

  it('flags short notice per step before anything is sent: a laptop needs 10 days’ notice', () => {
    const template = newColleague(-1, 'IT', 'laptop');
    template.steps[0]!.answers = { model: '{name}’s standard' };
    const soon = planChain(template, { name: 'Dana', start: '2026-10-07' }, (d) => DEPARTMENTS[d], NOW).steps[0]!;
    expect(soon).toMatchObject({ shortNotice: true, leadTimeMinutes: 4_800, form: { model: 'Dana’s standard' }, problem: null });
    expect(Date.parse(soon.earliestStandard!)).toBeGreaterThan(Date.parse(soon.neededBy!));
    expect(planChain(template, { name: 'Dana', start: '2026-11-30' }, (d) => DEPARTMENTS[d], NOW).steps[0]!.shortNotice).toBe(false);
  });

  it('says what is missing or wrong: an unanswered question, a date that is not one, a type the department no longer has, a date already passed, a form left short', () => {
    const plan = (t: Template, answers: Record<string, string>) => planChain(t, answers, (d) => DEPARTMENTS[d], NOW);
    expect(plan(newColleague(0, 'IT'), { start: '2026-11-02' }).problems).toEqual(['Name is required.']);
    expect(plan(newColleague(0, 'IT'), { name: 'Dana', start: '2026-02-30' }).problems).toEqual(['Start date must be a date such as 2026-12-01.']);
    expect(plan(newColleague(0, 'IT', 'chair'), { name: 'Dana', start: '2026-11-02' }).steps[0]!.problem).toMatch(/IT has no request type “chair”/);
    expect(plan(newColleague(0, 'IT'), { name: 'Dana', start: '2026-09-01' }).steps[0]!.problem).toMatch(/has already passed/);
    expect(plan(newColleague(0, 'IT', 'laptop'), { name: 'Dana', start: '2026-11-02' }).steps[0]!.problem).toBe('Model is required.');
  });
});

describe('a template as a department writes it', () => {
  const valid = (): Template => ({
    ...newColleague(-5, 'IT'),
    steps: [
      { id: 'contract', department: 'HR', typeId: 'contract', title: 'Contract for {name}', answers: {}, dueDays: -10, waitsFor: [], priority: 'P3' },
      { id: 'desk', department: 'Facilities', typeId: 'desk', title: 'Desk for {name}', answers: {}, dueDays: -3, waitsFor: ['contract'], priority: 'P3' },
    ],
  });

  it('is checked in meaning: an anchor that is a required date, waits for steps it has and never in a circle, placeholders that are questions', () => {
    expect(templateProblem(valid())).toBeNull();
    expect(templateSchema.safeParse(valid()).success).toBe(true);
    const broken = (change: (t: Template) => void) => {
      const t = valid();
      change(t);
      return templateProblem(t);
    };
    expect(broken((t) => (t.anchor = 'name'))).toMatch(/anchor “name” must be one of its questions, a date/);
    expect(broken((t) => (t.steps[1]!.waitsFor = ['chair']))).toMatch(/waits for “chair”, which is not another of its steps/);
    expect(broken((t) => (t.steps[0]!.waitsFor = ['desk']))).toMatch(/wait for each other in a circle/);
    expect(broken((t) => (t.steps[0]!.title = 'Contract for {surname}'))).toMatch(/uses \{surname\}/);
    expect(broken((t) => t.steps.push({ ...t.steps[0]!, waitsFor: [] }))).toBe('Two steps have the same id.');
    expect(templateSchema.safeParse({ ...valid(), steps: [{ ...valid().steps[0]!, dueDays: 1.5 }] }).success).toBe(false);
  });

  it('fills in answers, and nothing for a question left unanswered', () => {
    expect(fillIn('Laptop for {name} ({role})', { name: 'Dana' })).toBe('Laptop for Dana ()');
    // A question id an object already answers to is no answer.
    expect(fillIn('{toString} for {name}', { name: 'Dana' })).toBe('for Dana');
  });
});
