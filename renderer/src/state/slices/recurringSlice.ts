import type { Schedules } from '../../../../shared/contract/api.js';
import type { Schedule } from '../../../../shared/config/schedule.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** The department's recurring requests as the Recurring screen shows them: what each asks, when next, what it asked. */
export interface RecurringSlice {
  schedules: Schedules | null;
  schedulesError: string | null;
  loadSchedules(): Promise<void>;
  /** Adds or changes one schedule (pause, skip, end are changes too); answers the error, or null. */
  saveSchedule(schedule: Schedule): Promise<AppError | null>;
}

export const createRecurringSlice = (set: SetState, get: GetState, { client }: StoreDeps): RecurringSlice => ({
  schedules: null,
  schedulesError: null,
  async loadSchedules() {
    const department = get().session?.profile?.department;
    if (!department) return;
    const r = await client.getSchedules({ department });
    set(r.ok ? { schedules: r.value, schedulesError: null } : { schedulesError: r.error.message });
  },
  async saveSchedule(schedule) {
    const department = get().session?.profile?.department;
    if (!department) return { code: 'invalid_input', message: 'Set up who you are first.' };
    const r = await client.saveSchedule({ department, schedule });
    if (!r.ok) return r.error;
    set({ schedules: r.value, schedulesError: null });
    return null;
  },
});
