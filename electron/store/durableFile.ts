import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a whole file so that after a crash it is either the old one or the new one: a temp file
 * beside it, fsynced, then renamed over it. Parts are written one after another, as an iterable
 * makes them, so a large file is never one string or buffer in memory.
 */
export function writeFileDurably(file: string, data: string | Uint8Array | Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
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
