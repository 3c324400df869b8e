import { createHash } from 'node:crypto';

/** SHA-256 in hex: the name of a blob, a segment's checksum, the check on a saved index. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
