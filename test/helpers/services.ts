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

/** The real services (real files, real store) on a fresh temporary data folder. */
export function startServices(dataDir = mkdtempSync(join(tmpdir(), 'interdesk-test-')), now?: () => number, sync: SyncTuning | false = false): TestServices {
  const settings = new JsonFileSettings(join(dataDir, 'settings.json'));
  const services = openServices({ dataDir, settings, sync, ...(now ? { now } : {}) });
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
      return startServices(dataDir, now, sync);
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
