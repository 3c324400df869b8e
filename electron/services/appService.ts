import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { ApiOutputs, Profile, RequestList, Session } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { ApiParsedInputs } from '../../shared/contract/schemas.js';
import { DEFAULT_DEPARTMENTS } from '../../shared/model/departments.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { summarize } from '../../shared/model/replica.js';
import type { Actor, RequestDetail, RequestSummary } from '../../shared/model/request.js';
import type { Side } from '../../shared/model/status.js';
import { checkTransition, isOpen } from '../../shared/model/status.js';
import type { SyncStatus } from '../../shared/sync/status.js';
import type { RequestStore } from '../store/requestStore.js';
import type { EventBus } from './events.js';
import { AppFailure } from './failure.js';
import type { SettingsStore } from './settings.js';

export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInputs[M]) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
};

export interface SyncControl {
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
}

export interface AppServiceDeps {
  settings: SettingsStore;
  store: RequestStore;
  sync: SyncControl;
  events: EventBus;
  paths: { dataDir: string; defaultSharePath: string };
  now?: () => number;
}

const actorOf = (p: Profile): Actor => ({ user: p.name, department: p.department });

/** Open requests first, soonest due first; closed ones after, most recently changed first. */
function queueOrder(a: RequestSummary, b: RequestSummary): number {
  const ao = isOpen(a.status);
  const bo = isOpen(b.status);
  if (ao !== bo) return ao ? -1 : 1;
  if (ao) return a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);
  return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}

export function createAppService({ settings, store, sync, events, paths, now = Date.now }: AppServiceDeps): Handlers {
  const departments = (): string[] => [...DEFAULT_DEPARTMENTS];

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
    throw new AppFailure('forbidden', `Only ${toDepartment} (providing) and ${fromDepartment} (requesting) can change this request; you are in ${p.department}.`);
  };

  const detail = (id: string): RequestDetail => {
    const d = store.detail(id);
    if (!d) throw notFound();
    return d;
  };

  const changed = (id: string): RequestDetail => {
    events.emit({ name: 'requestsChanged', payload: { ids: [id] } });
    return detail(id);
  };

  const saveProfile = (next: Profile, sharePath: string | null): Session => {
    settings.write({ ...settings.read(), profile: next, sharePath });
    const s = session();
    events.emit({ name: 'sessionChanged', payload: s });
    return s;
  };

  return {
    getSession: () => session(),

    completeSetup: ({ name, department, sharePath }) => {
      try {
        mkdirSync(sharePath, { recursive: true });
      } catch (err) {
        throw new AppFailure('storage_failed', `The shared folder ${sharePath} could not be created (${(err as Error).message}). Choose a folder you can write to.`);
      }
      const result = saveProfile({ name, department: knownDepartment(department) }, sharePath);
      void sync.syncNow();
      return result;
    },

    updateProfile: ({ name, department }) => {
      const p = profile();
      return saveProfile(
        { name: name ?? p.name, department: department ? knownDepartment(department) : p.department },
        settings.read().sharePath,
      );
    },

    listRequests: ({ view, includeClosed }): RequestList => {
      const mine = profile().department;
      const items: RequestSummary[] = [];
      const counts = { incoming: 0, outgoing: 0 };
      for (const rec of store.requests()) {
        const { fromDepartment, toDepartment } = rec.create!.fields;
        const open = isOpen(rec.status!.value);
        if (open && toDepartment === mine) counts.incoming++;
        if (open && fromDepartment === mine) counts.outgoing++;
        const inView = view === 'incoming' ? toDepartment === mine : fromDepartment === mine;
        if (inView && (open || includeClosed)) items.push(summarize(rec));
      }
      return { items: items.sort(queueOrder), counts };
    },

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
      const id = randomUUID();
      store.commit(actorOf(p), {
        type: 'request.create',
        target: id,
        fields: {
          type: input.type,
          title: input.title,
          details: input.details,
          priority: input.priority,
          neededBy: new Date(input.neededBy).toISOString(),
          fromDepartment: p.department,
          toDepartment,
        },
      });
      return changed(id);
    },

    changeStatus: ({ id, status, note }) => {
      const p = profile();
      const rec = record(id);
      const check = checkTransition(rec.status!.value, status, sideOf(rec, p));
      if (!check.ok) throw new AppFailure('invalid_transition', check.reason);
      store.commit(actorOf(p), { type: 'request.status', target: id, fields: note ? { status, note } : { status } });
      return changed(id);
    },

    addComment: ({ id, body }) => {
      const p = profile();
      sideOf(record(id), p);
      store.commit(actorOf(p), { type: 'request.comment', target: id, fields: { body } });
      return changed(id);
    },

    getSyncStatus: () => sync.status(),
    syncNow: () => sync.syncNow(),
  };
}
