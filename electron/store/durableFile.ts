import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a whole file so that after a crash it is either the old one or the new one: a temp file
 * beside it, fsynced, then renamed over it. Parts are written one after another, so a large file
 * need not be joined into one buffer first.
 */
export function writeFileDurably(file: string, data: string | Buffer | readonly Uint8Array[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const part of typeof data === 'string' ? [Buffer.from(data, 'utf8')] : Buffer.isBuffer(data) ? [data] : data) writeAll(fd, part);
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
