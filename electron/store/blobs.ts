import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from './durableFile.js';
import { sha256 } from './sha256.js';

/**
 * Attachments on this computer, content-addressed like `blobs/<sha256>` on the share. A file is
 * written (temp, fsync, rename) before the operation that names it is committed, so a committed
 * attachment always has its bytes here; the sync copies them to the share before the segment.
 */
export class BlobStore {
  constructor(private readonly dir: string) {}

  put(bytes: Buffer): string {
    const hash = sha256(bytes);
    this.keep(hash, bytes);
    return hash;
  }

  /** Bytes already checked against their hash (fetched from the share): kept without hashing them again. */
  keep(hash: string, bytes: Buffer): void {
    if (!this.get(hash)) writeFileDurably(join(this.dir, hash), bytes);
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
