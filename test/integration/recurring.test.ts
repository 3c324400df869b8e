import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { occurrenceId } from '../../shared/config/recurrence.js';
import type { CreateRequestOp } from '../../shared/ops/operations.js';
import { defaultCalendar } from '../../shared/config/department.js';
import { shareOnClock } from '../helpers/clockShare.js';
import { scrubs } from '../helpers/schedules.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();
const BERLIN = defaultCalendar('Europe/Berlin');
const berlin = (day: string, hour: number) => new TZDate(`${day}T${String(hour).padStart(2, '0')}:00:00`, 'Europe/Berlin').getTime();

/**
 * Fay and Finn in Facilities (each on a machine of their own), Sue in Supply, Berlin office
 * hours, on one share dated by the clock the test moves. It is Tuesday 24 November 2026: the
 * December scrubs (2nd business day: Wednesday 2 December) are asked for 5 working days ahead,
 * from Wednesday 25 November.
 */
async function ward() {
  const clock = { now: berlin('2026-11-24', 9) };
  const share = undo.tempDir('interdesk-share-');
  const fs = shareOnClock(clock);
  const machine = () => startServices(undefined, () => clock.now, { fs, pollMs: 3_600_000, watch: false });
  const people: Record<'fay' | 'finn' | 'sue', TestServices> = { fay: machine(), finn: machine(), sue: machine() };
  undo.cleanup.push(...Object.values(people).map((m) => () => m.dispose()));
  await people.fay.must('completeSetup', { name: 'Fay', department: 'Facilities', sharePath: share });
  await people.finn.must('completeSetup', { name: 'Finn', department: 'Facilities', sharePath: share });
  await people.sue.must('completeSetup', { name: 'Sue', department: 'Supply', sharePath: share });
  await people.sue.must('saveDepartmentConfig', { department: 'Supply', section: 'calendar', value: BERLIN });
  const sync = async (...machines: TestServices[]) => {
    for (const m of [...machines, ...machines]) await m.sync.syncNow();
  };
  await sync(people.fay, people.finn, people.sue);
  /** The minute passes on `m` (what the app's tick does): it asks for what is due. */
  const tick = (m: TestServices) => m.events.emit({ name: 'clocksMoved', payload: { at: new Date(clock.now).toISOString() } });
  const incoming = async () => (await people.sue.must('listRequests', { view: 'incoming' })).items;
  return { ...people, clock, share, fs, sync, tick, incoming };
}

const DECEMBER = occurrenceId('Facilities', 'scrubs', '2026-12-02');

describe('recurring requests', () => {
  it('asks for each occurrence in the provider’s queue when its time comes, with its date, once', async () => {
    const { fay, finn, sue, clock, sync, tick, incoming } = await ward();
    const saved = await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    expect(saved.mayEdit).toBe(true);
    expect(saved.schedules).toEqual([expect.objectContaining({ state: 'active', next: '2026-12-02', history: [], problem: null })]);
    await sync(fay, sue);
    expect(await incoming()).toEqual([]);

    clock.now = berlin('2026-11-25', 9);
    tick(fay);
    await sync(fay, sue);
    const [asked, ...more] = await incoming();
    expect(more).toEqual([]);
    expect(asked).toMatchObject({
      id: DECEMBER,
      title: 'Scrubs for ward 3',
      fromDepartment: 'Facilities',
      neededBy: new Date(berlin('2026-12-02', 17)).toISOString(),
    });
    expect((await sue.must('getRequest', { id: DECEMBER })).shortNotice).toBe(false);
    // The next minute, and the next machine of the department, ask nothing more.
    tick(fay);
    await sync(fay, finn);
    tick(finn);
    await sync(finn, sue);
    expect(await incoming()).toHaveLength(1);
    expect(sue.store.operations().filter((op) => op.target === DECEMBER && op.type === 'request.create')).toHaveLength(1);
    const [view] = (await finn.must('getSchedules', { department: 'Facilities' })).schedules;
    expect(view).toMatchObject({ next: '2027-01-05', history: [{ date: '2026-12-02', id: DECEMBER, status: 'new' }] });
    // Changed to every Monday: what it asked for under the monthly repeat stays in its history, beside Monday 30 November's.
    const weekly = await finn.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ recurrence: { every: 'weeks', n: 1, weekday: 1 } }) });
    expect(weekly.schedules[0]!.history.map((h) => h.date)).toEqual(['2026-12-02', '2026-11-30']);
    expect(weekly.schedules[0]!.next).toBe('2026-12-07');
    // Sue reads Facilities' schedules but does not change them.
    expect((await sue.must('getSchedules', { department: 'Facilities' })).mayEdit).toBe(false);
  });

  it('two colleagues offline both ask for it: one request, on every machine', async () => {
    const { fay, finn, sue, clock, sync, tick, incoming } = await ward();
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    await sync(fay, finn);
    // Both away from the share; each one's machine asks on its own.
    clock.now = berlin('2026-11-25', 10);
    tick(fay);
    clock.now += 60_000;
    tick(finn);
    const creations = (m: TestServices) => m.store.operations().filter((op) => op.target === DECEMBER && op.type === 'request.create');
    expect([creations(fay), creations(finn)].map((c) => c.map((op) => op.actor.user))).toEqual([['Fay'], ['Finn']]);
    await sync(fay, finn, sue);
    expect(await incoming()).toHaveLength(1);
    for (const m of [fay, finn, sue]) {
      expect(creations(m)).toHaveLength(2);
      // The earliest creation counts, the same on every machine.
      expect((await m.must('getRequest', { id: DECEMBER })).requester).toBe('Fay');
    }
  });

  it('a date whose day is over at Supply is not the next one: on 2 December after 17:00 it is January’s', async () => {
    const { fay, clock } = await ward();
    clock.now = berlin('2026-12-02', 18);
    const saved = await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ aheadDays: 0 }) });
    expect(saved.schedules[0]).toMatchObject({ next: '2027-01-05', history: [] });
  });

  it('paused, it asks nothing; a skipped date is not asked for; ended, it is over', async () => {
    const { fay, sue, clock, sync, tick, incoming } = await ward();
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ paused: true }) });
    clock.now = berlin('2026-11-25', 9);
    tick(fay);
    expect((await fay.must('getSchedules', { department: 'Facilities' })).schedules[0]).toMatchObject({ state: 'paused', next: null, history: [] });
    // The ward is shut on the 2nd, which Supply's calendar does not know: resumed, the date skipped.
    const resumed = await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ skips: ['2026-12-02'] }) });
    expect(resumed.schedules[0]).toMatchObject({ state: 'active', next: '2027-01-05', history: [] });
    tick(fay);
    await sync(fay, sue);
    expect(await incoming()).toEqual([]);
    const ended = await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ end: '2026-11-24' }) });
    expect(ended.schedules[0]).toMatchObject({ state: 'ended', next: null });
    tick(fay);
    await sync(fay, sue);
    expect(await incoming()).toEqual([]);
  });

  it('a confidential type’s occurrence goes sealed, and its history shows its title to the department that asked', async () => {
    const { fay, sue, clock, sync, tick } = await ward();
    await sue.must('saveConfidentialTypes', { department: 'Supply', types: ['purchase'] });
    await sync(sue, fay, sue, fay);
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    clock.now = berlin('2026-11-25', 9);
    tick(fay);
    const create = fay.store.operations().find((op) => op.target === DECEMBER && op.type === 'request.create');
    expect(create?.fields).not.toHaveProperty('details', 'The monthly set: 40 in mixed sizes.');
    expect(fay.store.operations().some((op) => op.target === DECEMBER && op.type === 'request.sealedContent')).toBe(true);
    const [view] = (await fay.must('getSchedules', { department: 'Facilities' })).schedules;
    expect(view!.history).toEqual([expect.objectContaining({ id: DECEMBER, title: 'Scrubs for ward 3' })]);
  });

  it('a machine whose person is not yet a member of the department asks nothing in its name', async () => {
    const { fay, clock, share, fs, sync, tick } = await ward();
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    const newcomer = startServices(undefined, () => clock.now, { fs, pollMs: 3_600_000, watch: false }, { admit: false });
    undo.cleanup.push(() => newcomer.dispose());
    await newcomer.must('completeSetup', { name: 'Nia', department: 'Facilities', sharePath: share });
    await sync(fay, newcomer);
    expect(newcomer.store.config.schedules('Facilities')).toHaveLength(1);
    clock.now = berlin('2026-11-25', 9);
    tick(newcomer);
    expect(newcomer.store.operations().filter((op) => op.type === 'request.create')).toEqual([]);
  });

  it('tells the lead, once, when a schedule can no longer be sent; never when the preference is off or the schedule is paused', async () => {
    const { fay, sue, sync } = await ward();
    /** Takes `typeId` out of `department`'s catalog (Fay set the share up: she may change any department's). */
    const withdraw = async (department: string, typeId: string) => {
      const catalog = (await fay.must('getConfig', {})).departments.find((d) => d.name === department)!.config.catalog;
      await fay.must('saveDepartmentConfig', { department, section: 'catalog', value: catalog.filter((t) => t.id !== typeId) });
    };
    const gloves = scrubs({ id: 'gloves', name: 'Gloves', department: 'IT', typeId: 'general', answers: {}, paused: true });
    const masks = scrubs({ id: 'masks', name: 'Masks', department: 'Engineering', typeId: 'general', answers: {} });
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    await fay.must('saveSchedule', { department: 'Facilities', schedule: gloves });
    // What Fay is told about schedules, by this test's looks or by the app's own (it looks after each change too).
    const told = () => fay.received.flatMap((e) => (e.name === 'notification' && e.payload.kind === 'scheduleProblem' ? [e.payload] : []));
    fay.notifications.evaluate(); // the first look is the baseline
    expect(told()).toEqual([]);
    await sue.must('saveDepartmentConfig', {
      department: 'Supply',
      section: 'catalog',
      value: (await sue.must('getConfig', {})).departments.find((d) => d.name === 'Supply')!.config.catalog.filter((t) => t.id !== 'purchase'),
    });
    await withdraw('IT', 'general');
    await sync(sue, fay);
    // The paused gloves are not news; the scrubs are, once.
    fay.notifications.evaluate();
    expect(told()).toEqual([
      expect.objectContaining({
        kind: 'scheduleProblem',
        title: '“Scrubs for ward 3” cannot be sent',
        body: 'Supply has no request type “purchase”. Change or end it on the Recurring screen.',
      }),
    ]);
    fay.notifications.evaluate();
    expect(told()).toHaveLength(1);
    expect((await fay.must('getSchedules', { department: 'Facilities' })).schedules.map((v) => [v.schedule.name, v.problem])).toEqual([
      ['Gloves', 'IT has no request type “general”. Change or end this schedule.'],
      ['Scrubs for ward 3', 'Supply has no request type “purchase”. Change or end this schedule.'],
    ]);
    // It can still be paused or ended, not resumed as it is.
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs({ paused: true }) });
    expect(await fay.call('saveSchedule', { department: 'Facilities', schedule: scrubs() })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Switched off, the next such news is not said.
    await fay.must('saveSchedule', { department: 'Facilities', schedule: masks });
    await fay.must('updatePreferences', { notifications: { scheduleProblem: false } });
    await withdraw('Engineering', 'general');
    expect((await fay.must('getSchedules', { department: 'Facilities' })).schedules.find((v) => v.schedule.id === 'masks')!.problem).not.toBeNull();
    fay.notifications.evaluate();
    expect(told()).toHaveLength(1);
  });

  it('says who may change schedules and what a schedule must name', async () => {
    const { fay, sue } = await ward();
    const refused = async (m: TestServices, schedule: ReturnType<typeof scrubs>, department = 'Facilities') => {
      const r = await m.call('saveSchedule', { department, schedule });
      return r.ok ? null : r.error.message;
    };
    expect(await refused(sue, scrubs())).toMatch(/Only a lead of Facilities \(or an admin\)/);
    expect(await refused(fay, scrubs({ department: 'Facilities', typeId: 'repair' }))).toBe('A recurring request goes to another department than Facilities.');
    expect(await refused(fay, scrubs({ typeId: 'laptop' }))).toBe('Supply has no request type “laptop”. Choose a department and a type it has.');
    expect(await refused(fay, scrubs({ answers: { item: 'Scrubs' } }))).toMatch(/^Scrubs for ward 3: .*Quantity/);
    expect((await fay.must('getSchedules', { department: 'Facilities' })).schedules).toEqual([]);
  });

  it('a request of another department at an occurrence’s id is not counted as it, nor asked for twice', async () => {
    const { fay, sue, clock, sync, tick } = await ward();
    // Sue knows the schedule's id from the share and writes a request of Supply's own at December's id.
    await fay.must('saveSchedule', { department: 'Facilities', schedule: scrubs() });
    await sync(fay, sue);
    sue.store.commit(
      { user: 'Sue', department: 'Supply' },
      {
        type: 'request.create',
        target: DECEMBER,
        fields: {
          type: 'General request',
          title: 'Not scrubs',
          details: '',
          priority: 'P4',
          neededBy: new Date(berlin('2026-12-02', 17)).toISOString(),
          fromDepartment: 'Supply',
          toDepartment: 'Facilities',
          occurrence: { schedule: 'scrubs', date: '2026-12-02' },
        },
      },
    );
    await sync(sue, fay);
    clock.now = berlin('2026-11-25', 9);
    tick(fay);
    expect(
      fay.store
        .operations()
        .filter((op) => op.target === DECEMBER && op.type === 'request.create')
        .map((op) => op.actor.user),
    ).toEqual(['Sue']);
    // Nor is a request of Facilities' own that says it is an occurrence at another id.
    const sues = fay.store.operations().find((op) => op.target === DECEMBER) as CreateRequestOp;
    fay.store.commit(
      { user: 'Fay', department: 'Facilities' },
      { type: 'request.create', target: randomUUID(), fields: { ...sues.fields, fromDepartment: 'Facilities', toDepartment: 'Supply' } },
    );
    expect((await fay.must('getSchedules', { department: 'Facilities' })).schedules[0]).toMatchObject({ history: [], next: '2026-12-02' });
  });
});
