import { createHash, webcrypto } from 'node:crypto';

/** SHA-256 in hex: the name of a blob, a segment's checksum, the check on a saved index. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A SHA-256 fed piece by piece (a file written in slices). */
export const sha256Hash = () => createHash('sha256');

/** SHA-256 in hex, computed on libuv's thread pool: the main thread parses meanwhile. */
export async function sha256OffThread(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}
