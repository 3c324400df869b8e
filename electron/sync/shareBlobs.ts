import { MAX_ATTACHMENT_BYTES } from '../../shared/core/attachment.js';
import type { Operation } from '../../shared/ops/operations.js';
import type { BlobStore } from '../store/blobs.js';
import { sha256 } from '../store/sha256.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';

/** Attachments on the share (docs/sync.md §Attachments): content-addressed files in blobs/. */

/** Every attachment a batch names reaches the share before the batch, so no reader sees a file that is not there. */
export async function pushBlobs(fs: ShareFs, layout: ShareLayout, blobs: BlobStore | undefined, batch: readonly Operation[]): Promise<void> {
  const hashes = batch.flatMap((op) => (op.type === 'request.attach' || op.type === 'request.sealedAttach' ? [op.fields.sha256] : []));
  if (!hashes.length || !blobs) return;
  await fs.mkdir(layout.blobsDir);
  for (const hash of hashes) {
    const bytes = blobs.get(hash);
    // Content-addressed: a file already there under this name is this file (a reader checks the hash).
    if (bytes) await fs.writeNew(layout.blobPath(hash), bytes);
  }
}

/** An attachment's bytes from the share, checked against their hash; null when they have not arrived (yet). */
export async function fetchBlob(fs: ShareFs, layout: ShareLayout, hash: string): Promise<Buffer | null> {
  try {
    // A sealed file's blob is its bytes with a nonce and a tag (28 bytes) more.
    const bytes = await fs.readFile(layout.blobPath(hash), MAX_ATTACHMENT_BYTES + 64);
    return sha256(bytes) === hash ? bytes : null;
  } catch {
    return null;
  }
}
