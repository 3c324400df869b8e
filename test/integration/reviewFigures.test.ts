import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../shared/core/priority.js';
import type { PairFigures } from '../../shared/reviews/pairFigures.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { weekdays } from '../../shared/sla/calendar.js';
import { shareOnClock } from '../helpers/clockShare.js';
import { ALWAYS } from '../helpers/salesAndEngineering.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();

/** Office hours 08–12 and 13–17 on weekdays, in a department's own time zone. */
const officeHours = (timeZone: string): BusinessCalendar => ({ timeZone, week: weekdays('08:00-12:00', '13:00-17:00'), closures: [] });
/** The next Monday at least a day ahead (a needed-by date may not have passed), as a calendar date. */
const MONDAY = (() => {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] as const;
})();
/** That Monday plus `day` days, at a time of day where a department works (so whatever daylight saving does there). */
const local = (zone: string) => (day: number, hour: number) => new TZDate(MONDAY[0], MONDAY[1], MONDAY[2] + day, hour, 0, 0, zone).getTime();
const berlin = local('Europe/Berlin');
const PERIOD = { from: new Date(berlin(-7, 12)).toISOString(), to: new Date(berlin(7, 12)).toISOString() };
const newYork = local('America/New_York');

/**
 * Sam in Sales (around the clock), Eve in Engineering (Berlin office hours) and Ian in IT (New
 * York office hours) on one share and one clock the scenario moves.
 */
async function office() {
  const clock = { now: Date.now() };
  const share = undo.tempDir('interdesk-share-');
  const onTheClock = shareOnClock(clock);
  const machine = () => startServices(undefined, () => clock.now, { fs: onTheClock, pollMs: 3_600_000, watch: false });
  const people: Record<'sales' | 'eng' | 'it', TestServices> = { sales: machine(), eng: machine(), it: machine() };
  undo.cleanup.push(...Object.values(people).map((m) => () => m.dispose()));
  const setUp = [
    [people.sales, 'Sam', 'Sales', ALWAYS],
    [people.eng, 'Eve', 'Engineering', officeHours('Europe/Berlin')],
    [people.it, 'Ian', 'IT', officeHours('America/New_York')],
  ] as const;
  // As salesAndEngineering.ts: everyone set up before the first change (each is then its department's first, and its lead).
  for (const [m, name, department] of setUp) await m.must('completeSetup', { name, department, sharePath: share });
  for (const [m, , department, calendar] of setUp) await m.must('saveDepartmentConfig', { department, section: 'calendar', value: calendar });
  const sync = async () => {
    for (let i = 0; i < 2; i++) for (const m of Object.values(people)) await m.sync.syncNow();
  };
  await sync();
  clock.now = berlin(0, 9);
  /** Sales asks `to` at the clock's time; answers the request's id once every machine has it. */
  const ask = async (to: 'Engineering' | 'IT', { priority = 'P3', neededBy = berlin(7, 12), typeId = 'general', form = {} }: Asking = {}) => {
    const { id } = await people.sales.must('createRequest', {
      toDepartment: to,
      typeId,
      title: `For ${to}`,
      details: '',
      priority,
      neededBy: new Date(neededBy).toISOString(),
      form,
    });
    await sync();
    return id;
  };
  const review = async (machine: TestServices) => machine.must('getReview', PERIOD);
  return { ...people, clock, sync, ask, review };
}
type Office = Awaited<ReturnType<typeof office>>;
interface Asking {
  priority?: Priority;
  neededBy?: number;
  typeId?: string;
  form?: Record<string, string>;
}

/** The provider takes a request and finishes it at once. */
async function finish(machine: TestServices, id: string) {
  if ((await machine.must('getRequest', { id })).status === 'new') await machine.must('changeStatus', { id, status: 'acknowledged' });
  await machine.must('changeStatus', { id, status: 'done' });
}

/** Moves the clock to `when` and does `what` there, synced. */
async function then(o: Office, when: number, what: () => Promise<unknown>) {
  o.clock.now = when;
  await what();
  await o.sync();
}

describe('the reviews’ figures, as the timeline says', () => {
  it.each<[string, (o: Office) => Promise<void>, Partial<PairFigures> & { from: string; to: string }]>([
    [
      'counted in the provider’s own hours: 09:00–16:00 in Berlin is 6 business hours (lunch apart)',
      async (o) => {
        const id = await o.ask('Engineering');
        await then(o, berlin(0, 16), () => finish(o.eng, id));
      },
      { from: 'Sales', to: 'Engineering', medianResolutionHours: 6, resolutionMet: 1 },
    ],
    [
      '… and asked while New York sleeps, from 05:00 to 10:00 there, 2',
      async (o) => {
        o.clock.now = newYork(0, 5);
        const id = await o.ask('IT');
        await then(o, newYork(0, 10), () => finish(o.it, id));
      },
      { from: 'Sales', to: 'IT', medianResolutionHours: 2, resolutionMet: 1 },
    ],
    [
      'waiting on the requester does not count against the provider: 1 h before the pause, 1 h after the reply',
      async (o) => {
        o.clock.now = newYork(0, 8);
        const id = await o.ask('IT');
        await then(o, newYork(0, 9), async () => {
          await o.it.must('changeStatus', { id, status: 'acknowledged' });
          await o.it.must('changeStatus', { id, status: 'waiting_on_requester', note: 'Which model?' });
        });
        await then(o, newYork(1, 9), () => o.sales.must('addComment', { id, body: 'The small one.' }));
        await then(o, newYork(1, 10), () => finish(o.it, id));
      },
      { from: 'Sales', to: 'IT', medianResolutionHours: 2, resolutionMet: 1, breaches: 0 },
    ],
    [
      'a hand-over: the pair is with the department that has it, its clock from the hand-over, in its hours',
      async (o) => {
        const id = await o.ask('Engineering');
        await then(o, berlin(0, 11), () => o.eng.must('transferRequest', { id, toDepartment: 'IT', typeId: 'general' }));
        await then(o, newYork(0, 10), () => finish(o.it, id));
      },
      { from: 'Sales', to: 'IT', count: 1, medianResolutionHours: 2, resolutionMet: 1 },
    ],
    [
      'late against the priority’s target (P2: 8 business hours, due Tuesday 09:00), on time against the date both agreed',
      async (o) => {
        const id = await o.ask('Engineering', { priority: 'P2' });
        await o.eng.must('changeStatus', { id, status: 'acknowledged' });
        const { proposal } = await o.eng.must('proposeDate', { id, neededBy: new Date(berlin(2, 17)).toISOString(), reason: 'Parts arrive Tuesday' });
        await o.sync();
        await then(o, berlin(0, 10), () => o.sales.must('acceptDate', { id, proposal: proposal!.id }));
        await then(o, berlin(1, 16), () => finish(o.eng, id));
      },
      { from: 'Sales', to: 'Engineering', resolutionMet: 1, breaches: 0 },
    ],
    [
      'the same without the agreement is a breach',
      async (o) => {
        const id = await o.ask('Engineering', { priority: 'P2' });
        await o.eng.must('changeStatus', { id, status: 'acknowledged' });
        await then(o, berlin(1, 16), () => finish(o.eng, id));
      },
      { from: 'Sales', to: 'Engineering', resolutionMet: 0, breaches: 1 },
    ],
    [
      'short notice (hardware needs 3 days’ notice; asked for by 13:00) resolved late is shown apart, not a breach',
      async (o) => {
        o.clock.now = newYork(0, 9);
        const id = await o.ask('IT', { typeId: 'hardware', form: { item: 'Laptop', quantity: '1' }, neededBy: newYork(0, 13) });
        await o.it.must('changeStatus', { id, status: 'acknowledged' });
        await then(o, newYork(1, 16), () => finish(o.it, id));
      },
      { from: 'Sales', to: 'IT', shortNotice: 1, shortNoticeMet: 0, breaches: 0, resolutionMet: null },
    ],
    [
      '… and one resolved by the date it asked for counts as met anyway',
      async (o) => {
        o.clock.now = newYork(0, 9);
        const id = await o.ask('IT', { typeId: 'hardware', form: { item: 'Laptop', quantity: '1' }, neededBy: newYork(0, 13) });
        await then(o, newYork(0, 12), () => finish(o.it, id));
      },
      { from: 'Sales', to: 'IT', shortNotice: 1, shortNoticeMet: 1, breaches: 0 },
    ],
  ])('%s', async (_, scenario, expected) => {
    const o = await office();
    await scenario(o);
    for (const machine of [o.sales, o.eng, o.it]) expect((await o.review(machine)).pairs).toEqual([expect.objectContaining(expected)]);
  });

  it('one department’s review: where time went along a chain of hand-overs, each department in its own hours', async () => {
    const o = await office();
    const id = await o.ask('Engineering');
    await then(o, berlin(0, 11), () => o.eng.must('transferRequest', { id, toDepartment: 'IT', typeId: 'general' }));
    await then(o, newYork(0, 10), () => finish(o.it, id));
    await then(o, newYork(0, 11), () => o.sales.must('rateRequest', { id, again: false, comment: 'Passed around' }));
    // Engineering held it 09:00–11:00 Berlin; IT from before its day began at 08:00 New York to 10:00.
    const chain = [
      { department: 'Engineering', hours: 2, requests: 1 },
      { department: 'IT', hours: 2, requests: 1 },
    ];
    const sales = await o.sales.must('getDepartmentReview', { ...PERIOD, department: 'sales' });
    expect(sales).toMatchObject({ department: 'Sales', held: chain, asked: { count: 1, resolutionMet: 1 }, received: null });
    const it = await o.it.must('getDepartmentReview', { ...PERIOD, department: 'IT' });
    expect(it.receivedFrom).toEqual([expect.objectContaining({ from: 'Sales', to: 'IT', count: 1 })]);
    expect(it.comments).toEqual([expect.objectContaining({ from: 'Sales', again: false, comment: 'Passed around' })]);
    expect((await o.eng.must('getDepartmentReview', { ...PERIOD, department: 'Engineering' })).held).toEqual(chain);
    expect(await o.sales.call('getDepartmentReview', { ...PERIOD, department: 'Marketing' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/no department called "Marketing"/) },
    });
  });
});
