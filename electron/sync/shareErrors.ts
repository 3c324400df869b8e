import type { ShareFs } from './shareFs.js';
/** How a failing share operation reads to the user (docs/sync.md §Faults and what the user sees). */

/** The share is not there (unmounted, emptied, unreachable): changes wait on this computer. */
export class ShareUnavailable extends Error {}
/** The share can be read but not written: this device receives, and its changes wait. */
export class ShareReadOnly extends Error {}

/** Codes that mean "the share is not reachable now", never "something is broken". */
export const OFFLINE_CODES = new Set([
  'ENOENT',
  'ENOTDIR',
  'EIO',
  'ENOTCONN',
  'ESTALE',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENXIO',
  'ENODEV',
]);
/** Codes that mean "not allowed to write here". */
export const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

export const errorCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? '';

/** Runs a write to the share; a refusal to write becomes ShareReadOnly, with what to do about it. */
export async function writing<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (READ_ONLY_CODES.has(errorCode(err))) {
      throw new ShareReadOnly(
        `Interdesk cannot write to the shared folder (${errorCode(err)}). Changes are kept on this computer; ask for write access, or choose another folder.`,
      );
    }
    throw err;
  }
}

/** Reads a share's files no further than each may be long: their bytes, or null when one is not there (yet). */
export const readerOf =
  (fs: ShareFs) =>
  (path: string, maxBytes: number): Promise<Buffer | null> =>
    readIfThere((p) => fs.readFile(p, maxBytes), path);

/** A file's bytes, or null when it is not there (yet). */
export function readIfThere(read: (path: string) => Promise<Buffer>, path: string): Promise<Buffer | null> {
  return read(path).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return null;
    throw err;
  });
}
