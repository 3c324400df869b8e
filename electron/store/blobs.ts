import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Attachments on this computer, content-addressed like `blobs/<sha256>` on the share. A file is
 * written (temp, fsync, rename) before the operation that names it is committed, so a committed
 * attachment always has its bytes here; the sync copies them to the share before the segment.
 */
export class BlobStore {
  constructor(private readonly dir: string) {}

  put(bytes: Buffer): string {
    const hash = sha256(bytes);
    if (this.get(hash)) return hash;
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.tmp-${randomBytes(6).toString('hex')}`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, hash));
    return hash;
  }

  /** The bytes, or null when they are not here or not what their name says (then they are fetched again). */
  get(hash: string): Buffer | null {
    try {
      const bytes = readFileSync(join(this.dir, hash));
      return sha256(bytes) === hash ? bytes : null;
    } catch {
      return null;
    }
  }
}
