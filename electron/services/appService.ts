import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { ChangeSet } from '../../shared/core/changes.js';
import type { ApiOutputs, Config, Session } from '../../shared/contract/api.js';
import type { Profile } from '../../shared/core/actor.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { ApiParsedInputs } from '../../shared/contract/schemas.js';
import type { DepartmentConfig } from '../../shared/config/department.js';
import { DEFAULT_DEPARTMENTS, defaultConfigs, defaultDepartmentConfig } from '../../shared/config/department.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import type { RequestDetail } from '../../shared/model/request.js';
import type { Actor } from '../../shared/core/actor.js';
import type { Side } from '../../shared/core/status.js';
import { checkTransition, isOpen } from '../../shared/core/status.js';
import { checkLeadTime, validateForm } from '../../shared/sla/catalog.js';
import type { ComputedSla, RequestSla } from '../../shared/model/requestSla.js';
import { requestClocks, requestSla } from '../../shared/model/requestSla.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';
import type { OperationDraft, RequestStore } from '../store/requestStore.js';
import type { BlobStore } from '../store/blobs.js';
import { watchersOf, linksOf } from '../../shared/model/replica.js';
import type { LinkKind } from '../../shared/core/links.js';
import { requestKey } from '../../shared/model/request.js';
import type { EventBus } from './events.js';
import { announceConfigChange } from './events.js';
import type { PreferenceMethod } from './preferences.js';
import { createQueueLists } from './queueLists.js';
import { AppFailure } from './failure.js';
import type { SettingsStore } from './settings.js';

export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInputs[M]) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
};

export interface SyncControl {
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  /** An attachment's bytes from the share, checked; null when they are not there (yet). */
  fetchBlob(hash: string): Promise<Buffer | null>;
  /** People of a department whose computers are on the share (whether or not they have acted yet). */
  colleagues(department: string): string[];
}

export interface AppServiceDeps {
  settings: SettingsStore;
  store: RequestStore;
  blobs: BlobStore;
  sync: SyncControl;
  events: EventBus;
  paths: { dataDir: string; defaultSharePath: string };
  now?: () => number;
  /** The zone a new department's calendar starts in: this machine's. */
  timeZone?: string;
}

const actorOf = (p: Profile): Actor => ({ user: p.name, department: p.department });

export type AppServiceHandlers = Omit<Handlers, PreferenceMethod>;

export function createAppService({
  settings,
  store,
  blobs,
  sync,
  events,
  paths,
  now = Date.now,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
}: AppServiceDeps): AppServiceHandlers {
  /** Before the first seed arrives (only before setup), the built-in list. */
  const departments = (): string[] => (store.config.seeded ? store.config.departments() : [...DEFAULT_DEPARTMENTS]);

  // A queue asks for the same few departments' configuration thousands of times per list.
  let configCache = { version: -1, byName: new Map<string, DepartmentConfig | undefined>() };
  const departmentConfig = (name: string): DepartmentConfig | undefined => {
    if (configCache.version !== store.config.version) configCache = { version: store.config.version, byName: new Map() };
    if (!configCache.byName.has(name)) configCache.byName.set(name, store.config.get(name));
    return configCache.byName.get(name);
  };

  /** With "why is it due then", for a request's page. */
  const slaOf = (e: IndexEntry): ComputedSla | null => requestSla(e.create!, e, departmentConfig(e.create!.fields.toDepartment), new Date(now()));
  /** The clocks alone, for the rows of a list. */
  const clocksOf = (e: IndexEntry, at: Date): RequestSla | null => requestClocks(e.create!, e, departmentConfig(e.create!.fields.toDepartment), at);

  /** Who work can be assigned to: everyone seen acting for the department, and everyone whose computer says they are in it. */
  const members = (department: string): string[] => {
    const seen = store.index.members(department);
    const more = sync.colleagues(department).filter((name) => !seen.includes(name));
    return more.length ? [...seen, ...more].sort((a, b) => a.localeCompare(b)) : seen;
  };
  const lists = createQueueLists({ store, clocksOf, now, members });

  const config = (): Config => ({
    departments: departments().map((name) => ({ name, config: departmentConfig(name) ?? defaultDepartmentConfig(name, timeZone) })),
  });

  const session = (): Session => {
    const s = settings.read();
    return {
      profile: s.profile,
      deviceId: store.deviceId,
      departments: departments(),
      sharePath: s.sharePath,
      defaultSharePath: paths.defaultSharePath,
      dataDir: paths.dataDir,
    };
  };

  const profile = (): Profile => {
    const p = settings.read().profile;
    if (!p) throw new AppFailure('not_set_up', 'Interdesk is not set up on this computer yet. Finish the first-run setup first.');
    return p;
  };

  const knownDepartment = (name: string): string => {
    const match = departments().find((d) => d.toLowerCase() === name.toLowerCase());
    if (!match) throw new AppFailure('invalid_input', `There is no department called "${name}". Choose one of: ${departments().join(', ')}.`);
    return match;
  };

  const notFound = () =>
    new AppFailure('not_found', 'That request does not exist on this computer (yet). If it was just created elsewhere, wait for the next sync.');

  const record = (id: string): IndexEntry => {
    const rec = store.request(id);
    if (!rec) throw notFound();
    return rec;
  };

  const sideOf = (rec: IndexEntry, p: Profile): Side => {
    const { fromDepartment, toDepartment } = rec.create!.fields;
    if (p.department === toDepartment) return 'provider';
    if (p.department === fromDepartment) return 'requester';
    throw new AppFailure(
      'forbidden',
      `Only ${toDepartment} (providing) and ${fromDepartment} (requesting) can change this request; you are in ${p.department}.`,
    );
  };

  /** The request as the user's department may see it, with both ends of its links and who it can be assigned to. */
  const detail = (id: string): RequestDetail => {
    const d = store.detail(id, profile().department, (e) => slaOf(e));
    if (!d) throw notFound();
    const describe = (kind: LinkKind, direction: 'to' | 'from', other: string) => {
      const o = store.request(other);
      return { kind, direction, other, key: requestKey(other), title: o?.create?.fields.title ?? null, status: o?.status?.value ?? null };
    };
    const inbound = store.index.linking(id).flatMap((from) => {
      const e = store.request(from);
      return e
        ? linksOf(e)
            .filter((l) => l.other === id)
            .map((l) => describe(l.kind, 'from', from))
        : [];
    });
    return {
      ...d,
      links: [...d.links.map((l) => describe(l.kind, 'to', l.other)), ...inbound],
      members: members(d.toDepartment),
    };
  };

  const changed = (id: string): RequestDetail => {
    events.emit({ name: 'requestsChanged', payload: { ids: [id] } });
    return detail(id);
  };

  /** The checks and the operation of moving one request to a status; throws what a person should read. */
  const statusChange = (p: Profile, id: string, status: RequestDetail['status'], note?: string, resumeAt?: string): OperationDraft => {
    const rec = record(id);
    const check = checkTransition(rec.status!.value, status, sideOf(rec, p));
    if (!check.ok) throw new AppFailure('invalid_transition', check.reason);
    if (resumeAt && Date.parse(resumeAt) <= now()) {
      throw new AppFailure('invalid_input', 'The resume date has already passed. Pick a later one, or leave it empty and resume by hand.');
    }
    const fields = { status, ...(note ? { note } : {}), ...(resumeAt ? { resumeAt: new Date(resumeAt).toISOString() } : {}) };
    return { type: 'request.status', target: id, fields };
  };

  const assignment = (p: Profile, id: string, assignee: string | null): OperationDraft => {
    const rec = record(id);
    if (sideOf(rec, p) !== 'provider') {
      throw new AppFailure('forbidden', `Only ${rec.create!.fields.toDepartment} assigns its work.`);
    }
    if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; there is nobody left to assign it to.');
    const current = rec.assignee?.value.to ?? null;
    if (current === assignee)
      throw new AppFailure('invalid_input', assignee ? `The request is already assigned to ${assignee}.` : 'The request is not assigned to anyone.');
    return { type: 'request.assign', target: id, fields: { assignee } };
  };

  /** A request's key or id, as a person types it, to its id. */
  const resolveRequest = (ref: string): string => {
    const trimmed = ref.trim().replace(/^#/, '');
    if (store.request(trimmed.toLowerCase())) return trimmed.toLowerCase();
    const key = trimmed.toUpperCase();
    const matches: string[] = [];
    for (const e of store.requests()) if (requestKey(e.id) === key) matches.push(e.id);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw new AppFailure('invalid_input', `${matches.length} requests have the key ${key}; give the other request's full id instead.`);
    throw new AppFailure(
      'not_found',
      `There is no request ${key} on this computer (yet). Check the key; a request just created elsewhere arrives with the next sync.`,
    );
  };

  /** Whether making `child`'s parent `parent` would make a request its own ancestor. */
  const wouldLoop = (child: string, parent: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | undefined = parent; at && !seen.has(at); ) {
      if (at === child) return true;
      seen.add(at);
      const e = store.request(at);
      at = e ? linksOf(e).find((l) => l.kind === 'parent')?.other : undefined;
    }
    return false;
  };

  const configChanged = (): Config => {
    const c = config();
    announceConfigChange(events, c, session());
    return c;
  };

  const saveProfile = (next: Profile, sharePath: string | null): Session => {
    settings.write({ ...settings.read(), profile: next, sharePath });
    const s = session();
    events.emit({ name: 'sessionChanged', payload: s });
    return s;
  };

  return {
    getSession: () => session(),

    completeSetup: async ({ name, department, sharePath }) => {
      try {
        mkdirSync(sharePath, { recursive: true });
      } catch (err) {
        throw new AppFailure(
          'storage_failed',
          `The shared folder ${sharePath} could not be created (${(err as Error).message}). Choose a folder you can write to.`,
        );
      }
      const chosen = knownDepartment(department);
      settings.write({ ...settings.read(), profile: { name, department: chosen }, sharePath });
      // One sync first: a share in use already has its configuration, and the share's clock is known.
      await sync.syncNow();
      // Else this machine seeds it; a seed loses to any explicit edit and to any earlier seed, so this is always safe.
      if (!store.config.seeded) {
        store.commit({ user: name, department: chosen }, { type: 'config.seed', target: CONFIG_TARGET, fields: { departments: defaultConfigs(timeZone) } });
        // At once, so that a colleague setting up next finds it instead of seeding again.
        await sync.syncNow();
      }
      // Only now is the app ready to use: the session says so.
      const s = session();
      events.emit({ name: 'sessionChanged', payload: s });
      return s;
    },

    updateProfile: ({ name, department }) => {
      const p = profile();
      return saveProfile({ name: name ?? p.name, department: department ? knownDepartment(department) : p.department }, settings.read().sharePath);
    },

    listRequests: (input) => lists.list(profile(), input),
    searchRequests: (input) => lists.search(profile(), input),

    getRequest: ({ id }) => detail(id),

    createRequest: (input) => {
      const p = profile();
      const toDepartment = knownDepartment(input.toDepartment);
      if (toDepartment === p.department) {
        throw new AppFailure('invalid_input', `You are in ${toDepartment}; a request goes to another department. Pick the department that should do the work.`);
      }
      if (Date.parse(input.neededBy) < now() - 60_000) {
        throw new AppFailure('invalid_input', 'The needed-by date has already passed. Pick a date from today on.');
      }
      const provider = departmentConfig(toDepartment);
      const catalog = provider?.catalog ?? [];
      const type = catalog.find((t) => t.id === input.typeId);
      if (!provider || !type) {
        const offered = catalog.map((t) => t.name).join(', ');
        throw new AppFailure(
          'invalid_input',
          `${toDepartment} has no request type “${input.typeId}”.${offered ? ` Choose one of: ${offered}.` : ' Its catalog has not arrived on this computer yet; sync and try again.'}`,
        );
      }
      const problems = Object.values(validateForm(type, input.form));
      if (problems.length) throw new AppFailure('invalid_input', problems.join(' '));
      const answers = Object.fromEntries(
        Object.entries(input.form)
          .map(([k, v]) => [k, v.trim()])
          .filter(([, v]) => v),
      );
      const neededBy = new Date(input.neededBy);
      const lead = checkLeadTime(type, neededBy, new Date(now()), provider.calendar);
      const id = randomUUID();
      store.commit(actorOf(p), {
        type: 'request.create',
        target: id,
        fields: {
          type: type.name,
          typeId: type.id,
          ...(Object.keys(answers).length ? { form: answers } : {}),
          title: input.title,
          details: input.details,
          priority: input.priority ?? type.defaultPriority,
          neededBy: neededBy.toISOString(),
          fromDepartment: p.department,
          toDepartment,
          ...(lead.shortNotice ? { shortNotice: true } : {}),
        },
      });
      return changed(id);
    },

    changeStatus: ({ id, status, note, resumeAt }) => {
      const p = profile();
      store.commit(actorOf(p), statusChange(p, id, status, note, resumeAt));
      return changed(id);
    },

    changePriority: ({ id, priority }) => {
      const p = profile();
      const rec = record(id);
      if (sideOf(rec, p) !== 'provider') {
        throw new AppFailure('forbidden', `Only ${rec.create!.fields.toDepartment} sets the priority of its work. Ask them in a comment.`);
      }
      if (!isOpen(rec.status!.value)) throw new AppFailure('invalid_transition', 'The request is closed; its priority no longer matters.');
      if ((rec.priority?.value ?? rec.create!.fields.priority) === priority) throw new AppFailure('invalid_input', `The request is already ${priority}.`);
      store.commit(actorOf(p), { type: 'request.priority', target: id, fields: { priority } });
      return changed(id);
    },

    addComment: ({ id, body, internal }) => {
      const p = profile();
      sideOf(record(id), p);
      store.commit(actorOf(p), { type: 'request.comment', target: id, fields: internal ? { body, internal } : { body } });
      return changed(id);
    },

    assignRequest: ({ id, assignee }) => {
      const p = profile();
      store.commit(actorOf(p), assignment(p, id, assignee));
      return changed(id);
    },

    watchRequest: ({ id, watching }) => {
      const p = profile();
      const rec = record(id);
      if (watchersOf(rec).includes(p.name) === watching) {
        throw new AppFailure('invalid_input', watching ? 'You already watch this request.' : 'You do not watch this request.');
      }
      store.commit(actorOf(p), { type: 'request.watch', target: id, fields: { watching } });
      return changed(id);
    },

    linkRequest: ({ id, kind, other, linked }) => {
      const p = profile();
      sideOf(record(id), p);
      const otherId = resolveRequest(other);
      if (otherId === id) throw new AppFailure('invalid_input', 'A request cannot be linked to itself.');
      const holds = linksOf(record(id)).some((l) => l.kind === kind && l.other === otherId);
      const what = kind === 'parent' ? `part of ${requestKey(otherId)}` : `a duplicate of ${requestKey(otherId)}`;
      if (holds === linked) throw new AppFailure('invalid_input', linked ? `This request is already ${what}.` : `This request is not ${what}.`);
      if (linked && kind === 'parent') {
        if (linksOf(record(id)).some((l) => l.kind === 'parent'))
          throw new AppFailure('invalid_input', 'This request already has a parent. Remove that link first.');
        if (wouldLoop(id, otherId))
          throw new AppFailure('invalid_input', `${requestKey(otherId)} is already part of this request; a request cannot be part of itself.`);
      }
      store.commit(actorOf(p), { type: 'request.link', target: id, fields: { kind, other: otherId, linked } });
      return changed(id);
    },

    bulkUpdate: ({ ids, action }) => {
      const p = profile();
      const drafts: OperationDraft[] = [];
      const skipped: { id: string; key: string; reason: string }[] = [];
      for (const id of new Set(ids)) {
        try {
          drafts.push(action.kind === 'acknowledge' ? statusChange(p, id, 'acknowledged') : assignment(p, id, action.assignee));
        } catch (err) {
          if (!(err instanceof AppFailure)) throw err;
          skipped.push({ id, key: requestKey(id), reason: err.message });
        }
      }
      // One batch: one line in the log and one fsync, however many were selected.
      if (drafts.length) store.commitAll(actorOf(p), drafts);
      const done = drafts.map((d) => d.target);
      const changed = new ChangeSet();
      for (const id of done) changed.add(id);
      if (!changed.isEmpty) events.emit({ name: 'requestsChanged', payload: { ids: changed.toIds() } });
      return { done, skipped };
    },

    addAttachment: ({ id, name, mime, data }) => {
      const p = profile();
      sideOf(record(id), p);
      const bytes = Buffer.from(data, 'base64');
      let hash: string;
      try {
        hash = blobs.put(bytes);
      } catch (err) {
        throw new AppFailure(
          'storage_failed',
          `The file could not be kept on this computer (${(err as Error).message}). Check the free disk space and try again.`,
        );
      }
      store.commit(actorOf(p), { type: 'request.attach', target: id, fields: { name, size: bytes.length, sha256: hash, mime } });
      return changed(id);
    },

    getAttachment: async ({ id, attachment }) => {
      // Only the request's operations are needed here, not its clocks or links.
      const request = store.detail(id, profile().department);
      if (!request) throw notFound();
      const found = request.attachments.find((a) => a.id === attachment);
      if (!found) throw new AppFailure('not_found', 'That attachment is not on this request.');
      let bytes = blobs.get(found.sha256);
      if (!bytes) {
        bytes = await sync.fetchBlob(found.sha256);
        if (bytes) blobs.keep(found.sha256, bytes);
      }
      if (!bytes) {
        throw new AppFailure(
          'not_found',
          `“${found.name}” has not reached this computer yet: the shared folder does not have it (still copying?). Try again after the next sync.`,
        );
      }
      return { name: found.name, mime: found.mime, data: bytes.toString('base64') };
    },

    getConfig: () => config(),

    saveDepartmentConfig: (input) => {
      const p = profile();
      const department = knownDepartment(input.department);
      if (p.department !== department) {
        throw new AppFailure('forbidden', `Only members of ${department} change its calendar, policy and catalog; you are in ${p.department}.`);
      }
      store.commit(actorOf(p), { type: 'config.department', target: CONFIG_TARGET, fields: { ...input, department } });
      return configChanged();
    },

    addDepartment: ({ name }) => {
      const p = profile();
      const existing = departments().find((d) => d.toLowerCase() === name.toLowerCase());
      if (existing) throw new AppFailure('invalid_input', `There is already a department called ${existing}.`);
      const start = defaultDepartmentConfig(name, timeZone);
      const actor = actorOf(p);
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'calendar', value: start.calendar } });
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'policy', value: start.policy } });
      store.commit(actor, { type: 'config.department', target: CONFIG_TARGET, fields: { department: name, section: 'catalog', value: start.catalog } });
      return configChanged();
    },

    getSyncStatus: () => sync.status(),
    syncNow: () => sync.syncNow(),
  };
}
