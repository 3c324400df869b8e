import type { Config } from '../../shared/contract/api.js';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import type { Handlers } from './dispatch.js';
import { announceConfigChange } from './events.js';
import { AppFailure } from './failure.js';
import type { ServiceContext } from './serviceContext.js';
import { actorOf } from './serviceContext.js';

export type DepartmentMethod = 'getConfig' | 'saveDepartmentConfig' | 'saveConfidentialTypes' | 'saveServicePage' | 'saveTemplates' | 'addDepartment';

/** Who may change a department's configuration, said before the fold would pass it over: its leads or an admin (before keys: its members). */
export function mayConfigureDepartment(ctx: ServiceContext, department: string): string {
  const p = ctx.profile();
  const m = ctx.membership();
  if (m ? !m.admin && !m.leads.includes(department) : p.department !== department) {
    throw new AppFailure(
      'forbidden',
      m
        ? `Only a lead of ${department} (or an admin) changes its configuration: its calendar, policy, catalog, templates and recurring requests.`
        : `Only members of ${department} change its configuration; you are in ${p.department}.`,
    );
  }
  return department;
}

/** Departments' calendars, service levels and catalogs: read by all, changed by their own members. */
export function createDepartmentHandlers(ctx: ServiceContext): Pick<Handlers, DepartmentMethod> {
  const { store, events } = ctx;

  const mayConfigure = (department: string) => mayConfigureDepartment(ctx, department);

  const configChanged = (): Config => {
    const c = ctx.config();
    announceConfigChange(events, c, ctx.session());
    return c;
  };

  return {
    getConfig: () => ctx.config(),

    saveDepartmentConfig: (input) => {
      const p = ctx.profile();
      const department = mayConfigure(ctx.knownDepartment(input.department));
      store.commit(actorOf(p), { type: 'config.department', target: CONFIG_TARGET, fields: { ...input, department } });
      return configChanged();
    },

    saveConfidentialTypes: ({ department: named, types }) => {
      const p = ctx.profile();
      const department = mayConfigure(ctx.knownDepartment(named));
      const catalog = ctx.departmentConfig(department)?.catalog ?? [];
      const unknown = types.filter((t) => !catalog.some((c) => c.id === t));
      if (unknown.length) throw new AppFailure('invalid_input', `${department}'s catalog has no request type ${unknown.join(', ')}. Save the catalog first.`);
      store.commit(actorOf(p), { type: 'config.confidential', target: CONFIG_TARGET, fields: { department, types: [...new Set(types)].sort() } });
      return configChanged();
    },

    saveServicePage: ({ department: named, page }) => {
      const p = ctx.profile();
      const department = mayConfigure(ctx.knownDepartment(named));
      const known = ctx.departments();
      const strangers = page.needs.filter((n) => n.from !== '*' && !known.includes(n.from)).map((n) => n.from);
      if (strangers.length)
        throw new AppFailure(
          'invalid_input',
          `There is no department called ${strangers.join(', ')}: say what you need from a department of the share, or from all.`,
        );
      const catalog = ctx.departmentConfig(department)?.catalog ?? [];
      const unknown = Object.keys(page.types).filter((t) => !catalog.some((c) => c.id === t));
      if (unknown.length) throw new AppFailure('invalid_input', `${department}'s catalog has no request type ${unknown.join(', ')}. Save the catalog first.`);
      store.commit(actorOf(p), { type: 'config.service', target: CONFIG_TARGET, fields: { department, page } });
      return configChanged();
    },

    saveTemplates: ({ department: named, templates }) => {
      const p = ctx.profile();
      const department = mayConfigure(ctx.knownDepartment(named));
      // A step names a department of the share and a type of its catalog as they stand now (the plan says so again at launch, should either change).
      if (new Set(templates.map((x) => x.id)).size !== templates.length)
        throw new AppFailure('invalid_input', 'Two templates have the same id; give each its own.');
      for (const t of templates) {
        for (const s of t.steps) {
          const provider = ctx.departments().includes(s.department) ? ctx.departmentConfig(s.department) : undefined;
          if (!provider) throw new AppFailure('invalid_input', `“${t.name}”: there is no department called ${s.department}.`);
          if (!provider.catalog.some((c) => c.id === s.typeId)) {
            throw new AppFailure(
              'invalid_input',
              `“${t.name}”: ${s.department} has no request type “${s.typeId}”. Choose one of: ${provider.catalog.map((c) => c.name).join(', ')}.`,
            );
          }
        }
      }
      store.commit(actorOf(p), { type: 'config.templates', target: CONFIG_TARGET, fields: { department, templates } });
      return configChanged();
    },

    addDepartment: ({ name }) => {
      const p = ctx.profile();
      if (ctx.membership()?.admin === false) throw new AppFailure('forbidden', 'Only an admin adds a department: ask one on the People screen.');
      const existing = ctx.departments().find((d) => d.toLowerCase() === name.toLowerCase());
      if (existing) throw new AppFailure('invalid_input', `There is already a department called ${existing}.`);
      const start = defaultDepartmentConfig(name, ctx.timeZone);
      const actor = actorOf(p);
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'calendar', value: start.calendar } });
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'policy', value: start.policy } });
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'catalog', value: start.catalog } });
      return configChanged();
    },
  };
}
