import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** What a test made (folders, open services, spies), undone after it, the last made first. */
export function undoAfterEach() {
  const cleanup: (() => void | Promise<void>)[] = [];
  // In turn, each finished before the next: a daemon stops before its folder is removed.
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });
  return {
    cleanup,
    /** A new folder in the temp folder, removed after the test. */
    tempDir(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}
