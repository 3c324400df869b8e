import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The data folder holds colleagues' requests and names: only its owner may read it (POSIX modes;
 * Windows keeps a user's profile folder private already). Every file and folder the store or the
 * services create is made with these.
 */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/** Creates a folder (and its parents) only its owner can enter; an existing one is made so too. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Writes a whole file so that after a crash it is either the old one or the new one: a temp file
 * beside it, fsynced, then renamed over it. Parts are written one after another, as an iterable
 * makes them, so a large file is never one string or buffer in memory.
 */
export function writeFileDurably(file: string, data: string | Uint8Array | Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE);
  try {
    for (const part of typeof data === 'string' || data instanceof Uint8Array ? [data] : data)
      writeAll(fd, typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Writes all of `bytes` (one write may take only part), at `position` or where the file stands. */
export function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at, position === undefined ? null : position + at);
}
