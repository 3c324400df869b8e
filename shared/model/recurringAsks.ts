import { occurrenceId } from '../config/recurrence.js';
import type { Schedule } from '../config/schedule.js';
import { dueOccurrences } from '../config/schedule.js';
import type { RequestType } from '../sla/catalog.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { workingDay } from '../sla/calendar.js';
import { checkLeadTime } from '../sla/catalog.js';
import type { ConfigState } from './configState.js';

/** One occurrence of a schedule that is due to be asked for now, at its derived id. */
export interface DueAsk {
  id: string;
  schedule: Schedule;
  date: string;
  type: RequestType;
  /** The end of the provider's working day on the date. */
  neededBy: Date;
  shortNotice: boolean;
}

/** The provider's calendar and the schedule's request type as the configuration stands, or why the schedule cannot ask. */
export function scheduleProvider(config: Pick<ConfigState, 'get'>, s: Schedule): { calendar: BusinessCalendar; type: RequestType } | { problem: string } {
  const provider = config.get(s.department);
  if (!provider) return { problem: `There is no department called ${s.department}.` };
  const type = provider.catalog.find((t) => t.id === s.typeId);
  if (!type) return { problem: `${s.department} has no request type “${s.typeId}”.` };
  return { calendar: provider.calendar, type };
}

/** The department's recurring requests that would send but cannot (their department or type is gone), with why: its leads are told. */
export function stuckSchedules(config: Pick<ConfigState, 'get' | 'schedules'>, department: string, now: Date): { id: string; name: string; problem: string }[] {
  const today = now.toISOString().slice(0, 10);
  return config
    .schedules(department)
    .filter((s) => !s.paused && (s.end === null || s.end >= today))
    .flatMap((s) => {
      const provider = scheduleProvider(config, s);
      return 'problem' in provider ? [{ id: s.id, name: s.name, problem: `${provider.problem} Change or end it on the Recurring screen.` }] : [];
    });
}

/**
 * What `department`'s machines ask for at `now`: every occurrence of its schedules whose time has
 * come and whose request nobody has made yet (`asked`). The app's creator and the convergence
 * model both ask through this.
 */
export function dueAsks(config: Pick<ConfigState, 'get' | 'schedules'>, department: string, now: Date, asked: (id: string) => boolean): DueAsk[] {
  const asks: DueAsk[] = [];
  for (const schedule of config.schedules(department)) {
    const provider = scheduleProvider(config, schedule);
    if ('problem' in provider) continue;
    for (const date of dueOccurrences(schedule, provider.calendar, now)) {
      const id = occurrenceId(department, schedule.id, date);
      if (asked(id)) continue;
      const neededBy = workingDay(provider.calendar, date).end;
      asks.push({ id, schedule, date, type: provider.type, neededBy, shortNotice: checkLeadTime(provider.type, neededBy, now, provider.calendar).shortNotice });
    }
  }
  return asks;
}
