import type { Session } from '../../../../shared/contract/api.js';
import type { ApiInputs } from '../../../../shared/contract/schemas.js';
import type { AppError } from '../../../../shared/contract/result.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** Who is using the app: the session, first-run setup and the department switch. */
export interface SessionSlice {
  session: Session | null;
  sessionError: string | null;
  loadSession(): Promise<void>;
  completeSetup(input: ApiInputs['completeSetup']): Promise<AppError | null>;
  switchDepartment(department: string): Promise<AppError | null>;
}

export const createSessionSlice = (set: SetState, get: GetState, { client }: StoreDeps): SessionSlice => ({
  session: null,
  sessionError: null,
  async loadSession() {
    const [r, sync, config, preferences] = await Promise.all([
      client.getSession({}),
      client.getSyncStatus({}),
      client.getConfig({}),
      client.getPreferences({}),
    ]);
    if (preferences.ok) set({ preferences: preferences.value });
    set(r.ok ? { session: r.value, sessionError: null } : { sessionError: r.error.message });
    if (sync.ok) set({ sync: sync.value });
    if (config.ok) set({ config: config.value });
    if (r.ok && r.value.profile) await get().refreshList();
  },
  async completeSetup(input) {
    const r = await client.completeSetup(input);
    if (!r.ok) return r.error;
    set({ session: r.value });
    await Promise.all([get().refreshList(), get().loadConfig()]);
    return null;
  },
  async switchDepartment(department) {
    const r = await client.updateProfile({ department });
    if (!r.ok) return r.error;
    set({ session: r.value, selectedId: null, detail: null, detailState: 'idle' });
    await get().refreshList();
    return null;
  },
});
