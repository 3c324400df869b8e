import type { ScheduleView, Schedules } from '../../shared/contract/api.js';
import { occurrenceId, occurrences } from '../../shared/config/recurrence.js';
import type { Schedule } from '../../shared/config/schedule.js';
import { dueAsks, scheduleProvider } from '../../shared/model/recurringAsks.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import { validateForm } from '../../shared/sla/catalog.js';
import { localDate, workingDay } from '../../shared/sla/calendar.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { OperationDraft } from '../store/requestStore.js';
import { mayConfigureDepartment } from './departments.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

export type RecurringMethod = 'getSchedules' | 'saveSchedule';

/** How far ahead the next date of a schedule is looked for. */
const NEXT_WITHIN_DAYS = 400;
const DAY_MS = 86_400_000;

/**
 * Recurring requests (issue 19): a department's schedules, and the creator every one of its
 * machines runs (on start, after each sync, every minute) that asks for each occurrence once its
 * time comes. The occurrence's id is derived from the schedule and the date, so machines that
 * each ask for it, online or not, make one request (the earliest creation counts).
 */
export function createRecurring(ctx: ServiceContext) {
  const { store, now } = ctx;

  const providerOf = (s: Schedule) => scheduleProvider(store.config, s);

  /**
   * What the department's schedules asked for, by schedule, in one pass over the requests: each
   * request that says it is one of its occurrences and sits at that occurrence's derived id (a
   * request another department wrote there is not counted). Dates under an earlier repeat count too.
   */
  const askedBy = (department: string): Map<string, IndexEntry[]> => {
    const asked = new Map<string, IndexEntry[]>();
    for (const e of store.requests()) {
      const o = e.create!.fields.occurrence;
      if (!o || e.create!.fields.fromDepartment !== department || e.id !== occurrenceId(department, o.schedule, o.date)) continue;
      const mine = asked.get(o.schedule);
      if (mine) mine.push(e);
      else asked.set(o.schedule, [e]);
    }
    return asked;
  };

  const view = (s: Schedule, asked: IndexEntry[]): ScheduleView => {
    const at = new Date(now());
    const provider = providerOf(s);
    const calendar = 'calendar' in provider ? provider.calendar : null;
    const today = calendar ? localDate(calendar, at) : at.toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
    const made = new Set(asked.map((e) => e.create!.fields.occurrence!.date));
    const ended = s.end !== null && s.end < today;
    // The first date from today on that is neither asked for yet, nor skipped, nor over (today after the provider's day), within the year ahead.
    const upcoming = (d: string) => !made.has(d) && !s.skips.includes(d) && workingDay(calendar!, d).end.getTime() > at.getTime();
    const next =
      calendar && !ended && !s.paused ? (occurrences(s.recurrence, s.start, s.end, calendar, today, day(NEXT_WITHIN_DAYS)).find(upcoming) ?? null) : null;
    const history = asked
      .map((e) => ({
        date: e.create!.fields.occurrence!.date,
        id: e.id,
        // A confidential type's request by its title when a key here opens it, as a queue row shows it.
        title: ctx.confidentialRow(e)?.title ?? e.create!.fields.title,
        status: ctx.statusOf(e),
        neededBy: e.create!.fields.neededBy,
      }))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    return {
      schedule: s,
      state: ended ? 'ended' : s.paused ? 'paused' : 'active',
      next,
      problem: 'problem' in provider ? `${provider.problem} Change or end this schedule.` : null,
      history,
    };
  };

  const schedulesOf = (department: string): Schedules => {
    const asked = askedBy(department);
    const m = ctx.membership();
    const p = ctx.profile();
    return {
      schedules: store.config.schedules(department).map((s) => view(s, asked.get(s.id) ?? [])),
      mayEdit: m ? m.admin || m.leads.includes(department) : p.department === department,
    };
  };

  /**
   * Asks for every occurrence of this person's department's schedules whose time has come and
   * that nobody asked for yet, in one batch; the ids it created.
   */
  const run = (): string[] => {
    const p = ctx.session().profile;
    if (!p) return [];
    const department = p.department;
    // A machine whose person is not (yet) a member of the department does not ask in its name.
    const m = ctx.membership();
    if (m && !m.departments.includes(department)) return [];
    const at = new Date(now());
    const actor = actorOf(p);
    const drafts: OperationDraft[] = [];
    const asks = dueAsks(store.config, department, at, (id) => store.request(id) !== undefined);
    for (const { id, schedule: s, date, type, neededBy, shortNotice } of asks) {
      const { shown, sealed } = ctx.confidential.forCreation(actor, id, s.department, s.typeId, { title: s.title, details: s.details, form: s.answers });
      drafts.push({
        type: 'request.create',
        target: id,
        fields: {
          type: type.name,
          typeId: s.typeId,
          title: shown.title,
          details: shown.details,
          ...(Object.keys(shown.form).length ? { form: shown.form } : {}),
          priority: s.priority,
          neededBy: neededBy.toISOString(),
          fromDepartment: department,
          toDepartment: s.department,
          ...(shortNotice ? { shortNotice: true } : {}),
          occurrence: { schedule: s.id, date },
        },
      });
      if (sealed) drafts.push(sealed);
    }
    if (!drafts.length) return [];
    store.commitAll(actor, drafts);
    const ids = asks.map((a) => a.id);
    ctx.events.emit({ name: 'requestsChanged', payload: { ids } });
    return ids;
  };

  const handlers: Pick<Handlers, RecurringMethod> = {
    getSchedules: ({ department }) => schedulesOf(ctx.knownDepartment(department)),

    /** Adds or changes one schedule (pausing, skipping and ending are changes too); what is due asks at once. */
    saveSchedule: ({ department: named, schedule }) => {
      const p = ctx.profile();
      const department = mayConfigureDepartment(ctx, ctx.knownDepartment(named));
      if (schedule.department === department) throw new AppFailure('invalid_input', `A recurring request goes to another department than ${department}.`);
      // One that will send must name a department, type and answers that exist; pausing or ending
      // one whose type has gone is always possible.
      const sends = !schedule.paused && (schedule.end === null || schedule.end >= new Date(now()).toISOString().slice(0, 10));
      const provider = providerOf(schedule);
      if (sends && 'problem' in provider) throw new AppFailure('invalid_input', `${provider.problem} Choose a department and a type it has.`);
      const problems = 'type' in provider ? Object.values(validateForm(provider.type, schedule.answers)) : [];
      if (sends && problems.length) throw new AppFailure('invalid_input', `${schedule.name}: ${problems.join(' ')}`);
      store.commit(actorOf(p), { type: 'config.schedule', target: CONFIG_TARGET, fields: { department, schedule } });
      if (department === p.department) run();
      return schedulesOf(department);
    },
  };

  return { handlers, run };
}
