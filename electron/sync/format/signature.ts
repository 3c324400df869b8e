import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Signatures of files on the share (docs/sync.md §Trust): a device signs the header line of each
 * file it writes together with the SHA-256 of its content, so checking a file costs one signature,
 * however many operations it holds. Keys are Ed25519, written as their 32 bytes in base64url.
 */

/** What a device signs for one file: the kind of signature, the header line, the content's hash. */
export function signedMessage(headerLine: Buffer | string, contentSha256: string): Buffer {
  return Buffer.from(`interdesk-signature-v1\n${headerLine.toString()}\n${contentSha256}`, 'utf8');
}

/** Signs a message: this device's private key, injected by whoever holds it. */
export type Signer = (message: Buffer) => string;

const KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{86}$/;

/** Whether a value read from the share is a public key as devices publish them. */
export function isPublicKeyText(v: unknown): v is string {
  return typeof v === 'string' && KEY_TEXT.test(v);
}

/** The public key of a key pair (either half given) as text. */
export function publicKeyText(key: KeyObject): string {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' }).x as string;
}

/** Parsed keys, by text: a pull checks many files of the same few devices. */
const parsed = new Map<string, KeyObject>();

function keyObject(text: string): KeyObject {
  let key = parsed.get(text);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' });
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(text, key);
  }
  return key;
}

/** Whether `signature` (as read from the share, any value) is `publicKey`'s over `message`. */
export function verifySignature(publicKey: string, message: Buffer, signature: unknown): boolean {
  if (typeof signature !== 'string' || !SIGNATURE_TEXT.test(signature) || !isPublicKeyText(publicKey)) return false;
  try {
    return verify(null, message, keyObject(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** As verifySignature, on libuv's thread pool: a pull checks files it reads ahead while the main thread parses. */
export function verifySignatureOffThread(publicKey: string, message: Buffer, signature: unknown): Promise<boolean> {
  if (typeof signature !== 'string' || !SIGNATURE_TEXT.test(signature) || !isPublicKeyText(publicKey)) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, message, keyObject(publicKey), Buffer.from(signature, 'base64url'), (err, ok) => resolve(!err && ok));
    } catch {
      resolve(false);
    }
  });
}

/** A short, readable form of a key for people to compare (as SSH shows fingerprints). */
export function keyFingerprint(publicKey: string): string {
  return publicKey.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');
}
