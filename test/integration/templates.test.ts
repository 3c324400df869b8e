import { describe, expect, it } from 'vitest';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { newColleague } from '../helpers/templates.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();

describe('templates of work that crosses departments', () => {
  it('a lead writes its department’s templates; every machine has them; another department’s lead may not', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const template = newColleague();
    const saved = await sales.must('saveTemplates', { department: 'Sales', templates: [template] });
    expect(saved.departments.find((d) => d.name === 'Sales')!.templates).toEqual([template]);
    await sync();
    expect((await eng.must('getConfig', {})).departments.find((d) => d.name === 'Sales')!.templates.map((t) => t.name)).toEqual(['New colleague']);
    expect(await eng.call('saveTemplates', { department: 'Sales', templates: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says which step names a type its department does not have, or a department the share does not know', async () => {
    const { sales } = await salesAndEngineering(undo);
    const template = newColleague();
    const wrongType = { ...template, steps: [{ ...template.steps[1]!, typeId: 'chair' }] };
    expect(await sales.call('saveTemplates', { department: 'Sales', templates: [wrongType] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/“New colleague”: IT has no request type “chair”\. Choose one of: .*Hardware/) },
    });
    const nowhere = { ...template, steps: [{ ...template.steps[1]!, department: 'Marketing' }] };
    expect(await sales.call('saveTemplates', { department: 'Sales', templates: [nowhere] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/there is no department called Marketing/) },
    });
    expect(await sales.call('saveTemplates', { department: 'Sales', templates: [template, template] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Two templates have the same id/) },
    });
  });

  it('plans a launch before anything is sent: each step’s date in its department’s days, short notice flagged', async () => {
    const { sales, clock } = await salesAndEngineering(undo);
    await sales.must('saveTemplates', { department: 'Sales', templates: [newColleague()] });
    const inDays = (days: number) => new Date(clock.now + days * 86_400_000).toISOString().slice(0, 10);
    const plan = await sales.must('planLaunch', {
      department: 'Sales',
      templateId: 'new-colleague',
      answers: { name: 'Dana', start: inDays(60), role: 'Designer' },
    });
    expect(plan.problems).toEqual([]);
    expect(plan.steps.map((s) => [s.step, s.department, s.title, s.problem])).toEqual([
      ['contract', 'Payroll', 'Payroll record for Dana', null],
      ['laptop', 'IT', 'Laptop for Dana', null],
      ['desk', 'Facilities', 'Desk for Dana (Designer)', null],
    ]);
    expect(plan.steps.every((s) => s.neededBy && Date.parse(s.neededBy) < Date.parse(`${inDays(60)}T23:59:59Z`))).toBe(true);
    // A start a few days away: the laptop (3 days' notice for hardware) comes at short notice; the plan says so.
    const soon = await sales.must('planLaunch', { department: 'Sales', templateId: 'new-colleague', answers: { name: 'Dana', start: inDays(8) } });
    expect(soon.steps.find((s) => s.step === 'laptop')).toMatchObject({ shortNotice: true });
    expect(await sales.call('planLaunch', { department: 'Sales', templateId: 'retirement', answers: {} })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await sales.must('planLaunch', { department: 'Sales', templateId: 'new-colleague', answers: {} })).problems).toEqual([
      'Name is required.',
      'Start date is required.',
    ]);
  });
});
