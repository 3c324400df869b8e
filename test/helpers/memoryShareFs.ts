import { FileTooLarge } from '../../electron/sync/format/limits.js';
import { posix } from 'node:path';
import type { ShareFs } from '../../electron/sync/shareFs.js';

const enoent = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });

/**
 * A whole shared folder in memory (as Joplin tests its synchronizer against a memory file API):
 * files never written over, folders made on demand, the share's own clock for file times, and
 * watchers told of every new file. Paths are POSIX, as the engine makes them on Linux.
 */
export function memoryShareFs(shareNow: () => number = Date.now): ShareFs & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const times = new Map<string, number>();
  const dirs = new Set<string>(['/']);
  const watchers = new Set<{ dir: string; onChange: (name: string) => void }>();
  const mkdirs = (dir: string) => {
    for (let d = dir; !dirs.has(d); d = posix.dirname(d)) dirs.add(d);
  };
  return {
    files,
    async readFile(path, maxBytes) {
      const bytes = files.get(path);
      if (!bytes) throw enoent(path);
      if (bytes.length > maxBytes) throw new FileTooLarge(path, bytes.length, maxBytes);
      return Buffer.from(bytes);
    },
    async readdir(path) {
      if (!dirs.has(path)) throw enoent(path);
      const names = new Set<string>();
      for (const p of [...files.keys(), ...dirs]) if (posix.dirname(p) === path && p !== path) names.add(posix.basename(p));
      return [...names];
    },
    async stat(path) {
      if (dirs.has(path)) return { mtimeMs: 0, size: 0, isDirectory: () => true };
      if (!files.has(path)) throw enoent(path);
      return { mtimeMs: times.get(path)!, size: files.get(path)!.length, isDirectory: () => false };
    },
    async mkdir(path) {
      mkdirs(path);
    },
    async writeNew(path, bytes) {
      if (!dirs.has(posix.dirname(path))) throw enoent(path);
      if (files.has(path)) return false;
      files.set(path, Buffer.concat(Buffer.isBuffer(bytes) ? [bytes] : [...bytes]));
      times.set(path, shareNow());
      for (const w of watchers) if (path.startsWith(`${w.dir}/`)) w.onChange(path.slice(w.dir.length + 1));
      return true;
    },
    async unlink(path) {
      if (!files.delete(path)) throw enoent(path);
    },
    watch(dir, onChange) {
      const watcher = { dir, onChange };
      watchers.add(watcher);
      return { close: () => watchers.delete(watcher) };
    },
  };
}
