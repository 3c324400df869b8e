import { FileTooLarge } from './format/limits.js';
import { randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The file operations the sync engine performs on the share. Real by default; a test can wrap
 * them to make the share read-only, which a root-run test cannot do with permissions.
 */
export interface ShareFs {
  /** A file's bytes; a file larger than `maxBytes` is refused (FileTooLarge) before any of it is read. */
  readFile(path: string, maxBytes: number): Promise<Buffer>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ mtimeMs: number; size: number; isDirectory(): boolean }>;
  mkdir(path: string): Promise<void>;
  /** Writes `bytes` (or its pieces, made as they are written) to `path` only if no file has that name yet; answers false if one has. */
  writeNew(path: string, bytes: Buffer | Iterable<Buffer>): Promise<boolean>;
  unlink(path: string): Promise<void>;
  /**
   * Calls `onChange` with the changed file's path (relative to `dir`) whenever something under
   * `dir` changes, where the file system reports it; null where it cannot (polling covers those).
   * `onError`: the watch has stopped (its folder vanished with an unmounted share).
   */
  watch(dir: string, onChange: (name: string) => void, onError: () => void): { close(): void } | null;
}

const TRANSIENT = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries what Windows shares and virus scanners make fail for a moment. */
async function retryTransient<T>(op: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      if (i >= attempts || !TRANSIENT.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
      await sleep(25 * 2 ** i);
    }
  }
}

export const realShareFs: ShareFs = {
  async readFile(path, maxBytes) {
    const handle = await fsp.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new FileTooLarge(path, size, maxBytes);
      // Read no further than measured: a file that grows meanwhile is cut, and fails its checks.
      const bytes = Buffer.allocUnsafe(size);
      let at = 0;
      while (at < size) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      return at === size ? bytes : bytes.subarray(0, at);
    } finally {
      await handle.close();
    }
  },
  readdir: (path) => fsp.readdir(path),
  stat: (path) => fsp.stat(path),
  mkdir: async (path) => void (await fsp.mkdir(path, { recursive: true })),
  unlink: (path) => fsp.unlink(path),

  watch(dir, onChange, onError) {
    try {
      const watcher = watch(dir, { recursive: true }, (_event, name) => name && onChange(String(name)));
      watcher.on('error', onError);
      return watcher;
    } catch {
      return null;
    }
  },

  /**
   * Temp file, flush, then give it its final name without ever replacing a file: a hard link
   * where the share supports one (atomic, fails if the name exists), else check-then-rename.
   */
  async writeNew(path, bytes) {
    const tmp = join(dirname(path), `.tmp-${randomBytes(6).toString('hex')}`);
    const handle = await fsp.open(tmp, 'wx');
    try {
      for (const piece of Buffer.isBuffer(bytes) ? [bytes] : bytes) await handle.writeFile(piece);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await fsp.unlink(tmp).catch(() => undefined);
      throw err;
    }
    await handle.close();
    try {
      await retryTransient(() => fsp.link(tmp, path));
      await fsp.unlink(tmp).catch(() => undefined);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        await fsp.unlink(tmp).catch(() => undefined);
        return false;
      }
      if (code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EPERM' && code !== 'ENOSYS') {
        await fsp.unlink(tmp).catch(() => undefined);
        throw err;
      }
    }
    // No hard links on this share (SMB, FAT): check, then rename.
    const exists = await fsp.stat(path).then(
      () => true,
      () => false,
    );
    if (exists) {
      await fsp.unlink(tmp).catch(() => undefined);
      return false;
    }
    await retryTransient(() => fsp.rename(tmp, path));
    return true;
  },
};
