import type { Actor } from '../../shared/core/actor.js';
import { DEFAULT_CONFIDENTIAL_TYPES, defaultConfigs } from '../../shared/config/department.js';
import { CONFIG_TARGET, ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { RequestType } from '../../shared/sla/catalog.js';
import type { OperationDraft } from '../store/requestStore.js';
import type { ServiceContext } from './serviceContext.js';

/**
 * How a computer's person enters the share's roster (docs/sync.md §Roster): the share's creator
 * (or the admin who turned a share's roles on) leads the department they chose; anyone else asks.
 */
export function rosterEntry(ctx: ServiceContext) {
  const { store } = ctx;
  /** The share's starting configuration, written by the machine that created it (the only one whose seed counts on a share with a roster). */
  const seedUnlessSeeded = (actor: Actor, mayWrite: boolean): boolean => {
    if (store.config.seeded || !mayWrite) return false;
    const departments = defaultConfigs(ctx.timeZone);
    store.commitAll(actor, [{ type: 'config.seed', target: CONFIG_TARGET, fields: { departments } }, ...confidentialDrafts((d) => departments[d]?.catalog)]);
    return true;
  };

  /** HR's and Payroll's request types confidential, where those departments exist and nobody has chosen yet. */
  const confidentialDrafts = (catalogOf: (department: string) => RequestType[] | undefined): OperationDraft[] =>
    Object.entries(DEFAULT_CONFIDENTIAL_TYPES).flatMap(([department, wanted]) => {
      const catalog = catalogOf(department);
      const types = wanted.filter((t) => catalog?.some((c) => c.id === t)).sort();
      if (!types.length || store.config.confidentialTypes(department).length) return [];
      return [{ type: 'config.confidential' as const, target: CONFIG_TARGET, fields: { department, types } }];
    });

  /** The defaults on a share whose roles were just turned on. */
  const confidentialDefaults = (actor: Actor): void => {
    const drafts = confidentialDrafts((d) => store.config.get(d)?.catalog);
    if (drafts.length) store.commitAll(actor, drafts);
  };

  /**
   * On a share with a roster: the machine that created it seeds it and leads the department its
   * person chose (it is the first admin); any other asks to join that department and is
   * unverified until a lead approves. Answers whether it seeded.
   */
  const joinRoster = (actor: Actor, key: string): boolean => {
    const seeded = seedUnlessSeeded(actor, key === store.shareRoot);
    const m = ctx.membership();
    if (!m || m.departments.includes(actor.department) || m.asking.includes(actor.department)) return seeded;
    // With the key others seal the department's key for confidential notes to (docs/sync.md §Confidential notes).
    const sealKey = ctx.notes.sealKeyDraft();
    if (key === store.shareRoot) {
      store.commitAll(actor, [
        { type: 'roster.grant', target: ROSTER_TARGET, fields: { key, name: actor.user, role: 'lead', department: actor.department } },
        ...sealKey,
      ]);
    } else {
      store.commitAll(actor, [{ type: 'roster.ask', target: ROSTER_TARGET, fields: { name: actor.user, departments: [actor.department] } }, ...sealKey]);
    }
    return seeded;
  };

  /**
   * A person already set up here who is not on the roster yet (the share's roles were just turned
   * on, or this computer left a folder a build before keys made): asks to join their department,
   * as setup would. Cheap when there is nothing to do; run whenever the session changes.
   */
  const enrol = (): void => {
    const p = ctx.settings.read().profile;
    const key = store.ownKey;
    if (!p || !key || !store.roster.inForce || key === store.shareRoot) return;
    if (store.roster.people().some((person) => person.key === key)) return;
    joinRoster({ user: p.name, department: p.department }, key);
  };

  return { joinRoster, seedUnlessSeeded, enrol, confidentialDefaults };
}
