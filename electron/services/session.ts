import { mkdirSync } from 'node:fs';
import type { Profile } from '../../shared/core/actor.js';
import type { Session } from '../../shared/contract/api.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import { rosterEntry } from './rosterEntry.js';
import type { ServiceContext } from './serviceContext.js';

export type SessionMethod = 'getSession' | 'completeSetup' | 'updateProfile' | 'getSyncStatus' | 'syncNow';

/** Who uses this computer and where it syncs: first-run setup, the profile, the sync's status. */
export function createSessionHandlers(ctx: ServiceContext): Pick<Handlers, SessionMethod> {
  const { settings, store, sync, events } = ctx;
  const { joinRoster, seedUnlessSeeded } = rosterEntry(ctx);

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
      const actor = { user: name, department: chosen };
      const key = store.ownKey;
      const seeded = store.roster.inForce && key !== null ? joinRoster(actor, key) : seedUnlessSeeded(actor, true);
      // At once, so that a colleague setting up next finds it instead of seeding again. (A request
      // to join goes with the next sync, as any change: a join under way may hold that one up.)
      if (seeded) await sync.syncNow();
      // Only now is the app ready to use: the session says so.
      const s = ctx.session();
      events.emit({ name: 'sessionChanged', payload: s });
      return s;
    },

    updateProfile: ({ name, department }) => {
      const p = ctx.profile();
      const m = ctx.membership();
      if (department && m && !m.departments.includes(ctx.knownDepartment(department))) {
        throw new AppFailure(
          'forbidden',
          m.departments.length
            ? `You act for the departments you are a member of: ${m.departments.join(', ')}. Ask to join ${department} on the People screen.`
            : `You are not a member of any department yet: a lead approves you on the People screen.`,
        );
      }
      const next = { name: name ?? p.name, department: department ? ctx.knownDepartment(department) : p.department };
      // Others show this person's changes under the name the roster holds for its key: a new name goes there too.
      if (m && next.name !== p.name)
        store.commit(
          { user: next.name, department: next.department },
          { type: 'roster.ask', target: ROSTER_TARGET, fields: { name: next.name, departments: [next.department] } },
        );
      return saveProfile(next, settings.read().sharePath);
    },

    getSyncStatus: () => sync.status(),
    syncNow: () => sync.syncNow(),
  };
}
