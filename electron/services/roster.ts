import type { People, Person, RefusedChange } from '../../shared/contract/api.js';
import { requestKey } from '../../shared/model/request.js';
import { visibleText } from '../../shared/core/text.js';
import { hlcToIso } from '../../shared/ops/hlc.js';
import { CONFIG_TARGET, ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { RosterRole } from '../../shared/ops/operations.js';
import { keyFingerprint } from '../sync/format/signature.js';
import type { Handlers } from './dispatch.js';
import { AppFailure } from './failure.js';
import { rosterEntry } from './rosterEntry.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

export type RosterMethod = 'getPeople' | 'askToJoin' | 'turnOnRoles' | 'grantRole' | 'revokeRole';

/**
 * The People screen (docs/sync.md §Roster): who is on the share's roster and what they may do;
 * asking to join a department, and leads and admins answering. Each answer is a signed roster
 * operation; the fold judges it by what its author held, so these checks only say early, in
 * words, what the fold would pass over.
 */
export function createRosterHandlers(ctx: ServiceContext): Pick<Handlers, RosterMethod> {
  const { store, events } = ctx;

  const rosterInForce = () => {
    if (!store.roster.inForce || !store.ownKey) {
      throw new AppFailure(
        'invalid_input',
        'This shared folder has no roster (it was set up before Interdesk knew people): everyone may act for any department.',
      );
    }
    return store.ownKey;
  };

  const people = (): People => {
    const me = ctx.membership();
    const list: Person[] = store.roster.people().map((p) => ({
      key: p.key,
      fingerprint: keyFingerprint(p.key),
      // Names from the share are shown as they are: a hidden control or direction character as its code.
      name: visibleText(p.name),
      admin: p.admin,
      leads: [...p.leads].sort(),
      members: [...p.members].sort(),
      asking: [...p.asking].sort(),
      removed: p.removed,
      me: p.key === store.ownKey,
    }));
    return { people: list, refused: me?.admin ? refused() : [] };
  };

  const refused = (): RefusedChange[] => {
    const on = (target: string) => (target === ROSTER_TARGET ? 'roster' : target === CONFIG_TARGET ? 'configuration' : requestKey(target));
    const requestSide = [...store.index.refusals.values(), ...store.config.refusals].map((r) => ({
      at: hlcToIso(r.hlc),
      who: visibleText(r.actor.user),
      department: r.actor.department,
      what: r.type,
      on: on(r.target),
      why: r.why,
    }));
    const rosterSide = store.roster.refusals().map((r) => ({ at: hlcToIso(r.hlc), who: '', department: '', what: r.type, on: 'roster', why: r.why }));
    return [...requestSide, ...rosterSide].sort((a, b) => (a.at < b.at ? 1 : -1));
  };

  /** What a roster change needs of its author, said before it is written. */
  const mayChange = (role: RosterRole | 'all', department: string | undefined) => {
    const me = ctx.membership();
    if (me?.admin) return;
    if (role === 'member' && department && me?.leads.includes(department)) return;
    throw new AppFailure(
      'forbidden',
      role === 'member' ? `Only a lead of ${department} (or an admin) admits and removes its members.` : 'Only an admin appoints or removes leads and admins.',
    );
  };

  const person = (key: string) => {
    const p = store.roster.people().find((x) => x.key === key);
    if (!p) throw new AppFailure('not_found', 'That person is not on the roster of this shared folder (yet). If they just asked, wait for the next sync.');
    return p;
  };

  const changed = (): People => {
    events.emit({ name: 'sessionChanged', payload: ctx.session() });
    return people();
  };

  return {
    getPeople: () => {
      rosterInForce();
      return people();
    },

    askToJoin: ({ departments }) => {
      const key = rosterInForce();
      const p = ctx.profile();
      const wanted = departments.map((d) => ctx.knownDepartment(d));
      const m = ctx.membership()!;
      const fresh = wanted.filter((d) => !m.departments.includes(d) && !m.asking.includes(d));
      if (!fresh.length) throw new AppFailure('invalid_input', 'You are a member of those departments already, or have asked to join them.');
      // An admin answers requests to join: their own needs nobody else's.
      if (m.admin) {
        store.commitAll(
          actorOf(p),
          fresh.map((department) => ({ type: 'roster.grant', target: ROSTER_TARGET, fields: { key, name: p.name, role: 'member', department } })),
        );
      } else {
        store.commit(actorOf(p), { type: 'roster.ask', target: ROSTER_TARGET, fields: { name: p.name, departments: fresh } });
      }
      const s = ctx.session();
      events.emit({ name: 'sessionChanged', payload: s });
      return s;
    },

    turnOnRoles: async () => {
      const key = store.ownKey;
      const p = ctx.profile();
      if (store.roster.inForce) throw new AppFailure('invalid_input', 'Roles are on for this shared folder already: see who is admin on the People screen.');
      if (!key) throw new AppFailure('invalid_input', 'This computer has no key to sign with; restart Interdesk and try again.');
      const done = await ctx.sync.turnOnRoles().catch((err: Error) => {
        throw new AppFailure('storage_failed', `Roles were not turned on: ${err.message}`);
      });
      if (done === 'taken' && !store.roster.inForce)
        throw new AppFailure(
          'invalid_transition',
          'Another computer is turning roles on for this shared folder right now. Sync, then look at the People screen again.',
        );
      if (done === 'done') {
        const entry = rosterEntry(ctx);
        entry.joinRoster(actorOf(p), key);
        entry.confidentialDefaults(actorOf(p));
      }
      const s = ctx.session();
      events.emit({ name: 'sessionChanged', payload: s });
      return s;
    },

    grantRole: ({ key, role, department }) => {
      rosterInForce();
      if (role !== 'admin' && !department) throw new AppFailure('invalid_input', `A ${role} belongs to a department: choose one.`);
      const dept = role === 'admin' ? undefined : ctx.knownDepartment(department!);
      mayChange(role, dept);
      const p = person(key);
      if (p.removed) throw new AppFailure('invalid_input', `${p.name} was removed from the share; they join again from a newly set up computer.`);
      store.commit(actorOf(ctx.profile()), {
        type: 'roster.grant',
        target: ROSTER_TARGET,
        fields: { key, name: p.name, role, ...(dept ? { department: dept } : {}) },
      });
      return changed();
    },

    revokeRole: ({ key, role, department, reason }) => {
      rosterInForce();
      if (role !== 'admin' && role !== 'all' && !department) throw new AppFailure('invalid_input', `A ${role} belongs to a department: choose one.`);
      const dept = role === 'admin' || role === 'all' ? undefined : ctx.knownDepartment(department!);
      mayChange(role, dept);
      person(key);
      if (key === store.shareRoot && (role === 'all' || role === 'admin')) {
        throw new AppFailure('invalid_input', 'The share’s creator stays its first admin: their key is the share’s root.');
      }
      store.commit(actorOf(ctx.profile()), {
        type: 'roster.revoke',
        target: ROSTER_TARGET,
        fields: { key, role, ...(dept ? { department: dept } : {}), ...(reason ? { reason } : {}) },
      });
      return changed();
    },
  };
}
