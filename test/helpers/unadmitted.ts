import type { TestServices } from './services.js';
import { startServices } from './services.js';
import type { undoAfterEach } from './undo.js';

/**
 * Machines set up on a share with a roster whom no test admits: what a newcomer may do before a
 * lead answers is the point of the tests that use them (docs/sync.md §Roster).
 */
export function unadmittedMachines({ cleanup, tempDir }: ReturnType<typeof undoAfterEach>) {
  const machine = async (share: string, name: string, department: string): Promise<TestServices> => {
    const s = startServices(tempDir('interdesk-machine-'), undefined, { watch: false, reportAfterMs: 0 }, { admit: false });
    cleanup.push(() => s.close());
    await s.must('completeSetup', { name, department, sharePath: share });
    await s.sync.syncNow();
    return s;
  };
  /** Each machine syncs in turn, `rounds` times: what one writes after reading another's reaches all. */
  const sync = async (machines: TestServices[], rounds = 2) => {
    for (let i = 0; i < rounds; i++) for (const m of machines) await m.sync.syncNow();
  };
  return { machine, sync };
}
