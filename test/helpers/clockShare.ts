import type { ShareFs } from '../../electron/sync/shareFs.js';
import { realShareFs } from '../../electron/sync/shareFs.js';

/**
 * A share whose files are dated by a test's clock: else each machine would take its moved clock
 * for wrong and write by the share's time instead (docs/sync.md §Clock skew).
 */
export function shareOnClock(clock: { now: number }): ShareFs {
  return {
    ...realShareFs,
    stat: async (path) => {
      const s = await realShareFs.stat(path);
      return { size: s.size, mtimeMs: s.mtimeMs + clock.now - Date.now(), isDirectory: () => s.isDirectory() };
    },
  };
}
