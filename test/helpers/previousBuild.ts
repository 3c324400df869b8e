import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Build } from './storeMachine.js';

/**
 * An earlier build's store and sync engine, as released: `test/fixtures/previous-build-<commit>.tar.gz`
 * holds `git archive <commit> electron/sync electron/store shared tsconfig.base.json`, unpacked
 * once beside the tests and imported as it was.
 * - 1dd2232: the build before packs (issue 15);
 * - ebb6ed3: the build before keys and the roster (issue 16).
 */
export async function previousBuild(commit: '1dd2232' | 'ebb6ed3'): Promise<Build> {
  const fixture = join(import.meta.dirname, '..', 'fixtures', `previous-build-${commit}.tar.gz`);
  const unpacked = join(import.meta.dirname, '..', '.previous-build', commit);
  if (!existsSync(join(unpacked, 'electron'))) {
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', fixture, '-C', unpacked]);
  }
  const engine = (await import(join(unpacked, 'electron/sync/syncEngine.ts'))) as Pick<Build, 'SyncEngine'>;
  const store = (await import(join(unpacked, 'electron/store/requestStore.ts'))) as Pick<Build, 'RequestStore'>;
  return { SyncEngine: engine.SyncEngine, RequestStore: store.RequestStore };
}
