import { isKnownOperation } from '../ops/operationSchema.js';
import type { ConfigOperation, SetDepartmentConfigOp } from '../ops/operations.js';
import type { ServicePage } from '../config/servicePage.js';
import type { Template } from '../config/template.js';
import type { Schedule } from '../config/schedule.js';
import { MAX_SCHEDULES } from '../config/schedule.js';
import { defaultServicePage } from '../config/servicePage.js';
import type { ConfigSection, DepartmentConfig } from '../config/department.js';
import { defaultDepartmentConfig } from '../config/department.js';
import type { Authority } from './roster.js';
import { NO_ROSTER } from './roster.js';
import type { Refusal } from './requestRules.js';
import { refusalOf } from './requestRules.js';

interface Candidate<T> {
  value: T;
  hlc: string;
  opId: string;
}

const later = (a: Candidate<unknown>, b: Candidate<unknown>) => a.hlc > b.hlc || (a.hlc === b.hlc && a.opId > b.opId);

export interface ConfigDump {
  seed: Candidate<Record<string, DepartmentConfig>> | null;
  sections: [string, Candidate<unknown>][];
  /** Absent in snapshots made before confidential request types. */
  confidential?: [string, Candidate<string[]>][];
  /** Absent in snapshots made before service pages. */
  service?: [string, Candidate<ServicePage>][];
  /** Absent in snapshots made before templates. */
  templates?: [string, Candidate<Template[]>][];
  /** Absent in snapshots made before recurring requests: each department with one of its schedules. */
  schedules?: [string, Candidate<Schedule>][];
}

/**
 * The fold of configuration operations. Explicit edits are last-writer-wins per department and
 * section; seeds are first-writer-wins, and lose to any edit — so the machine that set the
 * share up decides the starting point (its time zone), and a machine joining later cannot
 * overwrite it with its own. Like the request fold, any order of the same operations gives the
 * same configuration.
 */
export class ConfigState {
  private seed: Candidate<Record<string, DepartmentConfig>> | null = null;
  private readonly sections = new Map<string, Candidate<unknown>>();
  /** Per department, its confidential request types (config.confidential, last writer wins). */
  private readonly confidential = new Map<string, Candidate<string[]>>();
  /** Per department, its service page (config.service, last writer wins). */
  private readonly service = new Map<string, Candidate<ServicePage>>();
  /** Per department, its templates (config.templates, last writer wins). */
  private readonly templateLists = new Map<string, Candidate<Template[]>>();
  /** Per department, its recurring requests by id (config.schedule, last writer wins per schedule). */
  private readonly scheduleMap = new Map<string, Map<string, Candidate<Schedule>>>();
  /** Moves on every change that can alter a department's configuration (caches key on it). */
  version = 0;
  /** Who may configure (docs/sync.md §Roster): the seed only from the share's root, a department only from its leads or an admin. */
  authority: Authority = NO_ROSTER;
  /** Configuration changes the roster did not allow, for admins. */
  readonly refusals: Refusal[] = [];

  apply(op: ConfigOperation): void {
    if (!isKnownOperation(op)) return;
    const why =
      op.type === 'config.seed'
        ? this.authority.byRoot(op)
          ? null
          : 'only the share’s root may seed the configuration'
        : this.authority.leads(op, op.fields.department)
          ? null
          : `only a lead of ${op.fields.department} (or an admin) may change its ${WHAT[op.type] ?? (op as SetDepartmentConfigOp).fields.section}`;
    if (why) {
      if (this.refusals.length < 1_000) this.refusals.push(refusalOf(this.authority.proven(op), why));
      return;
    }
    if (op.type === 'config.seed') {
      const candidate = { value: op.fields.departments, hlc: op.hlc, opId: op.id };
      if (this.seed && !later(this.seed, candidate)) return;
      this.seed = candidate;
    } else if (op.type === 'config.confidential') {
      if (!latest(this.confidential, op.fields.department, { value: op.fields.types, hlc: op.hlc, opId: op.id })) return;
    } else if (op.type === 'config.service') {
      if (!latest(this.service, op.fields.department, { value: op.fields.page, hlc: op.hlc, opId: op.id })) return;
    } else if (op.type === 'config.templates') {
      if (!latest(this.templateLists, op.fields.department, { value: op.fields.templates, hlc: op.hlc, opId: op.id })) return;
    } else if (op.type === 'config.schedule') {
      // Two leads writing two schedules at once both keep theirs: each schedule is its own register.
      if (!this.keepSchedule(op.fields.department, { value: op.fields.schedule, hlc: op.hlc, opId: op.id })) return;
    } else {
      const key = sectionKey(op.fields.department, op.fields.section);
      const current = this.sections.get(key);
      const candidate = { value: op.fields.value, hlc: op.hlc, opId: op.id };
      if (current && !later(candidate, current)) return;
      this.sections.set(key, candidate);
    }
    this.version++;
  }

  get seeded(): boolean {
    return this.seed !== null;
  }

  /** Every department the share knows, in alphabetical order. */
  departments(): string[] {
    const names = new Set(Object.keys(this.seed?.value ?? {}));
    for (const key of this.sections.keys()) names.add(key.slice(0, key.indexOf('\u0000')));
    return [...names].sort((a, b) => a.localeCompare(b, 'en'));
  }

  /** A department's configuration; a section nobody has set yet comes from the seed, else the built-in default. */
  get(department: string): DepartmentConfig | undefined {
    const seeds = this.seed?.value;
    const seeded = seeds && Object.hasOwn(seeds, department) ? seeds[department] : undefined;
    const edited = (s: ConfigSection) => this.sections.get(sectionKey(department, s))?.value;
    if (!seeded && !edited('calendar') && !edited('policy') && !edited('catalog')) return undefined;
    const fallback = seeded ?? defaultDepartmentConfig(department, this.anyTimeZone());
    return {
      calendar: (edited('calendar') as DepartmentConfig['calendar'] | undefined) ?? fallback.calendar,
      policy: (edited('policy') as DepartmentConfig['policy'] | undefined) ?? fallback.policy,
      catalog: (edited('catalog') as DepartmentConfig['catalog'] | undefined) ?? fallback.catalog,
    };
  }

  /** The request types of `department` whose requests are sealed (docs/sync.md §Confidential requests). */
  confidentialTypes(department: string): string[] {
    return this.confidential.get(department)?.value ?? [];
  }

  /** A department's service page: the latest its leads wrote, else what the built-in defaults say. */
  servicePage(department: string): ServicePage {
    return this.service.get(department)?.value ?? defaultServicePage(department);
  }

  /** A department's templates of work that crosses departments: the latest its leads wrote, else none. */
  templates(department: string): Template[] {
    return this.templateLists.get(department)?.value ?? [];
  }

  /** A department's recurring requests, by name. */
  schedules(department: string): Schedule[] {
    const mine = [...(this.scheduleMap.get(department)?.values() ?? [])].map((c) => c.value);
    return mine.sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  }

  /**
   * Keeps a schedule when it is later than what is there; whether it did. A share flooded with
   * schedules costs each reader the same bounded memory and work: a department keeps the
   * MAX_SCHEDULES smallest ids, which are the same whatever order the schedules arrive in.
   */
  private keepSchedule(department: string, candidate: Candidate<Schedule>): boolean {
    let mine = this.scheduleMap.get(department);
    if (!mine) this.scheduleMap.set(department, (mine = new Map()));
    const id = candidate.value.id;
    if (!mine.has(id) && mine.size >= MAX_SCHEDULES) {
      let largest = id;
      for (const other of mine.keys()) if (other > largest) largest = other;
      if (largest === id) return false;
      mine.delete(largest);
    }
    return latest(mine, id, candidate);
  }

  /** The seed's zone: the share's home zone, for parts of a department nobody has set. */
  private anyTimeZone(): string {
    const first = Object.values(this.seed?.value ?? {})[0];
    return first?.calendar.timeZone ?? 'UTC';
  }

  dump(): ConfigDump {
    return {
      seed: this.seed,
      sections: [...this.sections],
      confidential: [...this.confidential],
      service: [...this.service],
      templates: [...this.templateLists],
      schedules: [...this.scheduleMap].flatMap(([department, mine]) => [...mine.values()].map((c): [string, Candidate<Schedule>] => [department, c])),
    };
  }

  static restore(dump: ConfigDump): ConfigState {
    const state = new ConfigState();
    state.seed = dump.seed;
    for (const [key, candidate] of dump.sections) state.sections.set(key, candidate);
    for (const [department, candidate] of dump.confidential ?? []) state.confidential.set(department, candidate);
    for (const [department, candidate] of dump.service ?? []) state.service.set(department, candidate);
    for (const [department, candidate] of dump.templates ?? []) state.templateLists.set(department, candidate);
    for (const [department, candidate] of dump.schedules ?? []) state.keepSchedule(department, candidate);
    return state;
  }
}

/** What each kind of department-wide change is called in a refusal. */
const WHAT: Partial<Record<ConfigOperation['type'], string>> = {
  'config.confidential': 'confidential request types',
  'config.service': 'service page',
  'config.templates': 'templates',
  'config.schedule': 'recurring requests',
};

/** Keeps `candidate` for `department` (or a schedule's id) when it is later than what is there; whether it did. */
function latest<T>(map: Map<string, Candidate<T>>, department: string, candidate: Candidate<T>): boolean {
  const current = map.get(department);
  if (current && !later(candidate, current)) return false;
  map.set(department, candidate);
  return true;
}

function sectionKey(department: string, section: ConfigSection): string {
  return `${department}\u0000${section}`;
}
