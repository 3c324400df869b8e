import type { BusinessCalendar } from '../sla/calendar.js';
import { businessMinutesBetween } from '../sla/calendar.js';
import type { CreateRequestOp } from '../ops/operations.js';
import { hlcToIso } from '../ops/hlc.js';
import type { ClockView } from '../model/requestSla.js';
import type { TransferRegisters } from '../model/transfers.js';
import { handOvers } from '../model/transfers.js';

/**
 * Where a request's time went along its chain of hand-overs (issue 18, "one department's review"):
 * each department that provided it, with the business hours of its own calendar from when it got
 * the request to when it handed it over. The last holder's time is its resolution clock's time
 * used (pauses on the requester not counted, as the timeline says); `null` clocks (no policy) count
 * its calendar's hours until now.
 */
export function heldBy(
  create: CreateRequestOp,
  transfers: TransferRegisters['transfers'],
  resolution: ClockView | null,
  calendarOf: (department: string) => BusinessCalendar,
  at: Date,
): { department: string; hours: number }[] {
  const out: { department: string; hours: number }[] = [];
  let provider = create.fields.toDepartment;
  let since = new Date(hlcToIso(create.hlc));
  for (const h of handOvers(create, transfers)) {
    const until = new Date(hlcToIso(h.hlc));
    out.push({ department: provider, hours: businessMinutesBetween(calendarOf(provider), since, until) / 60 });
    provider = h.to;
    since = until;
  }
  const used = resolution ? resolution.targetMinutes - resolution.remainingMinutes : businessMinutesBetween(calendarOf(provider), since, at);
  out.push({ department: provider, hours: Math.max(0, used) / 60 });
  return out;
}
