import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * Confidential notes and requests on the share (docs/sync.md §Confidential notes, §Confidential requests): a department's key is
 * random; it is sealed to each member's X25519 seal key (an ephemeral key agreed with theirs,
 * HKDF, AES-256-GCM), and each note is AES-256-GCM under the department's key, bound to its
 * request and department so a sealed note cannot be replayed elsewhere. All of it node:crypto.
 */

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Ephemeral public key, nonce, sealed key, tag. */
const SEALED_BYTES = KEY_BYTES + NONCE_BYTES + KEY_BYTES + TAG_BYTES;

const rawPublic = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' }).subarray(-KEY_BYTES);
const publicFromRaw = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), raw]), format: 'der', type: 'spki' });

/** This device's seal key pair, derived from its signing key, so a device has it without a new secret to keep. */
export function sealKeyPair(signingKeyDer: Buffer): { publicKey: string; privateKey: KeyObject } {
  const seed = Buffer.from(hkdfSync('sha256', signingKeyDer, 'interdesk', 'seal key v1', KEY_BYTES));
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { publicKey: rawPublic(createPublicKey(privateKey)).toString('base64url'), privateKey };
}

function wrappingKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), 'interdesk department key v1', KEY_BYTES));
}

/** `secret` (a department key) sealed so only the holder of `sealKey`'s private half opens it. */
export function sealTo(sealKey: string, secret: Buffer): string {
  const recipient = Buffer.from(sealKey, 'base64url');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublic(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicFromRaw(recipient) });
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(shared, ephemeralRaw, recipient), nonce);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([ephemeralRaw, nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The secret in `sealed`, opened with this device's seal key; null when it was not sealed to it (or was tampered with). */
export function openSealed(privateKey: KeyObject, publicKey: string, sealed: string): Buffer | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length !== SEALED_BYTES) return null;
  const ephemeralRaw = bytes.subarray(0, KEY_BYTES);
  const nonce = bytes.subarray(KEY_BYTES, KEY_BYTES + NONCE_BYTES);
  try {
    const shared = diffieHellman({ privateKey, publicKey: publicFromRaw(ephemeralRaw) });
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(shared, ephemeralRaw, Buffer.from(publicKey, 'base64url')), nonce);
    decipher.setAuthTag(bytes.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(KEY_BYTES + NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/** A new department key and its id. */
export function newDepartmentKey(): { keyId: string; secret: Buffer } {
  return { keyId: randomBytes(16).toString('base64url'), secret: randomBytes(KEY_BYTES) };
}

/** What a sealed note is bound to: its request and the department that wrote it. */
const binding = (requestId: string, department: string) => Buffer.from(`interdesk note v1\n${requestId}\n${department}`);

export function sealNote(secret: Buffer, requestId: string, department: string, body: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, nonce);
  cipher.setAAD(binding(requestId, department));
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The note's text, or null when `secret` is not its key or the box was moved or changed. */
export function openNote(secret: Buffer, requestId: string, department: string, box: string): string | null {
  const bytes = Buffer.from(box, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(binding(requestId, department));
    decipher.setAuthTag(bytes.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * A department key's lock (docs/sync.md §Confidential requests): an X25519 key pair derived from
 * the key, so its public half can be published for anyone to seal to, and only members (who hold
 * the key) open what was sealed.
 */
export function departmentLock(secret: Buffer): { lock: string; privateKey: KeyObject } {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'interdesk', 'department lock v1', KEY_BYTES));
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { lock: rawPublic(createPublicKey(privateKey)).toString('base64url'), privateKey };
}

/** What a confidential request's text is bound to: its request. */
const contentBinding = (requestId: string) => Buffer.from(`interdesk request v1\n${requestId}`);

/** A confidential request's text under a key of its own (returned, to be sealed to its departments' locks). */
export function sealContent(requestId: string, text: string): { contentKey: Buffer; box: string } {
  const contentKey = randomBytes(KEY_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', contentKey, nonce);
  cipher.setAAD(contentBinding(requestId));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { contentKey, box: Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url') };
}

/** The text, or null when `contentKey` is not its key or the box was moved to another request or changed. */
export function openContent(contentKey: Buffer, requestId: string, box: string): string | null {
  const bytes = Buffer.from(box, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES || contentKey.length !== KEY_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', contentKey, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(contentBinding(requestId));
    decipher.setAuthTag(bytes.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** What a sealed file's bytes and its description are bound to: its request. */
const fileBinding = (requestId: string, part: 'bytes' | 'about') => Buffer.from(`interdesk file v1\n${requestId}\n${part}`);

/** AES-256-GCM of `plain` under `key`, bound to `aad`: nonce, ciphertext, tag. */
function encrypt(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer | null {
  if (sealed.length < NONCE_BYTES + TAG_BYTES || key.length !== KEY_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/** A confidential request's file under a key of its own: the bytes to keep as its blob, and its description (name, type, size) sealed. */
export function sealFile(requestId: string, bytes: Buffer, about: string): { fileKey: Buffer; blob: Buffer; box: string } {
  const fileKey = randomBytes(KEY_BYTES);
  return {
    fileKey,
    blob: encrypt(fileKey, bytes, fileBinding(requestId, 'bytes')),
    box: encrypt(fileKey, Buffer.from(about, 'utf8'), fileBinding(requestId, 'about')).toString('base64url'),
  };
}

/** A sealed file's description, or null when `fileKey` is not its key or it was moved or changed. */
export function openFileAbout(fileKey: Buffer, requestId: string, box: string): string | null {
  return decrypt(fileKey, Buffer.from(box, 'base64url'), fileBinding(requestId, 'about'))?.toString('utf8') ?? null;
}

/** A sealed file's bytes, or null when `fileKey` is not its key or the blob was moved or changed. */
export function openFileBytes(fileKey: Buffer, requestId: string, blob: Buffer): Buffer | null {
  return decrypt(fileKey, blob, fileBinding(requestId, 'bytes'));
}
