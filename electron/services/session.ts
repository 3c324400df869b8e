import { mkdirSync } from 'node:fs';
import type { Profile } from '../../shared/core/actor.js';
import type { Session } from '../../shared/contract/api.js';
import { defaultConfigs } from '../../shared/config/department.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';

export type SessionMethod = 'getSession' | 'completeSetup' | 'updateProfile' | 'getSyncStatus' | 'syncNow';

/** Who uses this computer and where it syncs: first-run setup, the profile, the sync's status. */
export function createSessionHandlers(ctx: ServiceContext): Pick<Handlers, SessionMethod> {
  const { settings, store, sync, events } = ctx;

  const saveProfile = (next: Profile, sharePath: string | null): Session => {
    settings.write({ ...settings.read(), profile: next, sharePath });
    const s = ctx.session();
    events.emit({ name: 'sessionChanged', payload: s });
    return s;
  };

  return {
    getSession: () => ctx.session(),

    completeSetup: async ({ name, department, sharePath }) => {
      try {
        mkdirSync(sharePath, { recursive: true });
      } catch (err) {
        throw new AppFailure(
          'storage_failed',
          `The shared folder ${sharePath} could not be created (${(err as Error).message}). Choose a folder you can write to.`,
        );
      }
      const chosen = ctx.knownDepartment(department);
      settings.write({ ...settings.read(), profile: { name, department: chosen }, sharePath });
      // One sync first: a share in use already has its configuration, and the share's clock is known.
      // Joining from a share snapshot, the queues are usable (configuration included) as soon as
      // it is read; the history behind it is copied while the person works.
      await Promise.race([sync.syncNow(), store.whenQueuesShown()]);
      // Else this machine seeds it; a seed loses to any explicit edit and to any earlier seed, so this is always safe.
      if (!store.config.seeded) {
        store.commit({ user: name, department: chosen }, { type: 'config.seed', target: CONFIG_TARGET, fields: { departments: defaultConfigs(ctx.timeZone) } });
        // At once, so that a colleague setting up next finds it instead of seeding again.
        await sync.syncNow();
      }
      // Only now is the app ready to use: the session says so.
      const s = ctx.session();
      events.emit({ name: 'sessionChanged', payload: s });
      return s;
    },

    updateProfile: ({ name, department }) => {
      const p = ctx.profile();
      return saveProfile({ name: name ?? p.name, department: department ? ctx.knownDepartment(department) : p.department }, settings.read().sharePath);
    },

    getSyncStatus: () => sync.status(),
    syncNow: () => sync.syncNow(),
  };
}
