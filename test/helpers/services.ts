import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiOutputs, AppEvent } from '../../shared/contract/api.js';
import type { ApiMethod } from '../../shared/contract/methods.js';
import type { ApiInputs } from '../../shared/contract/schemas.js';
import type { Result } from '../../shared/contract/result.js';
import type { Services, SyncTuning } from '../../electron/services/compose.js';
import { openServices } from '../../electron/services/compose.js';
import { JsonFileSettings } from '../../electron/services/settings.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';

export interface TestServices extends Services {
  dataDir: string;
  call<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<Result<ApiOutputs[M]>>;
  /** Calls and unwraps, failing the test with the service's own message. */
  must<M extends ApiMethod>(method: M, input: ApiInputs[M]): Promise<ApiOutputs[M]>;
  events: Services['events'];
  received: AppEvent[];
  reopen(): TestServices;
  dispose(): void;
}

/** The latest services started with each device key: the share's root is found by its key (its data folder may be opened again). */
const byKey = new Map<string, Services>();

/**
 * A colleague in a test is a member of what they act for, as after their lead approved them: set
 * up on a share with a roster, or switching department, the share's root admits them into that
 * department (the root itself too, so one machine can play both sides). Tests of the roster itself
 * pass `admit: false`.
 */
async function admitInto(services: Services, department: string): Promise<void> {
  const { store } = services;
  const key = store.ownKey;
  const root = store.shareRoot ? byKey.get(store.shareRoot) : undefined;
  if (!store.roster.inForce || !key || !root) return;
  if (root !== services) {
    // Its request to join on the share first, then the root reads it.
    await services.sync.syncNow();
    await root.sync.syncNow();
  }
  // A department that does not exist is the service's to refuse.
  const missing = [department].filter((d) => root.store.config.departments().includes(d) && !root.store.roster.departmentsOf(key).includes(d));
  for (const department of missing) {
    // A lead, so that a colleague in a test may also configure their department.
    const granted = await root.dispatch('grantRole', { key, role: 'lead', department });
    if (!granted.ok) throw new Error(`The test's admin could not admit a colleague: ${granted.error.message}`);
  }
  if (root !== services) {
    await root.sync.syncNow();
    await services.sync.syncNow();
  }
}

/** The real services (real files, real store) on a fresh temporary data folder. */
export function startServices(
  dataDir = mkdtempSync(join(tmpdir(), 'interdesk-test-')),
  now?: () => number,
  sync: SyncTuning | false = false,
  { admit = true }: { admit?: boolean } = {},
): TestServices {
  const settings = new JsonFileSettings(join(dataDir, 'settings.json'));
  const opened = openServices({ dataDir, settings, sync, ...(now ? { now } : {}) });
  const services: Services = {
    ...opened,
    dispatch: async (method, input) => {
      const department = (input as { department?: string }).department;
      if (admit && method === 'updateProfile' && department) await admitInto(services, department);
      const result = await opened.dispatch(method, input);
      if (admit && method === 'completeSetup' && result.ok) {
        await admitInto(services, settings.read().profile!.department);
        // The session as it stands after the admission (its membership).
        return opened.dispatch('getSession', {});
      }
      return result;
    },
  };
  if (opened.store.ownKey) byKey.set(opened.store.ownKey, services);
  const received: AppEvent[] = [];
  services.events.subscribe((e) => received.push(e));
  const call = <M extends ApiMethod>(method: M, input: ApiInputs[M]) => services.dispatch(method, input) as Promise<Result<ApiOutputs[M]>>;
  return {
    ...services,
    dataDir,
    received,
    call,
    async must(method, input) {
      const r = await call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    reopen() {
      services.close();
      return startServices(dataDir, now, sync, { admit });
    },
    dispose() {
      services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Services on a fresh data folder, disposed of by `cleanup` after the test (see undoAfterEach). */
export function startedServices(cleanup: (() => void | Promise<void>)[]): TestServices {
  const s = startServices();
  cleanup.push(() => s.dispose());
  return s;
}

export async function setUpAs(s: TestServices, name: string, department: string) {
  return s.must('completeSetup', { name, department, sharePath: join(s.dataDir, 'shared-folder') });
}

/**
 * The share's root admits a device's key into `department`, as a lead would after it asked: for
 * tests whose crafted files stand for a colleague's machine (docs/sync.md §Roster).
 */
export async function admitKey(root: TestServices, key: string, department: string, name = 'Colleague'): Promise<void> {
  const { profile } = await root.must('getSession', {});
  root.store.commit(
    { user: profile!.name, department: profile!.department },
    {
      type: 'roster.grant',
      target: ROSTER_TARGET,
      fields: { key, name, role: 'member', department },
    },
  );
  await root.sync.syncNow();
}
