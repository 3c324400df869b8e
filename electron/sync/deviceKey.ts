import { generateKeyPairSync, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durableFile.js';
import { openSealed, sealKeyPair } from './format/sealing.js';
import { publicKeyText } from './format/signature.js';

/**
 * How the private key is kept on disk: sealed by the operating system's keychain where it offers
 * one (Electron's safeStorage, injected by the shell), else in a file only its owner may read.
 */
export interface KeyVault {
  /** Whether sealing is available now (on Linux it needs a secret service such as GNOME Keyring or KWallet). */
  available(): boolean;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/** This computer's Ed25519 key: its public half goes in device.json, its private half never leaves the data folder. */
export interface DeviceKey {
  /** The public key as text (docs/sync.md §Trust). */
  readonly publicKey: string;
  /** Whether the private key is sealed by the operating system, or only by file permissions. */
  readonly protectedBy: 'os' | 'file';
  sign(message: Buffer): string;
  /** The public half of this device's seal key (docs/sync.md §Confidential notes), derived from the signing key. */
  readonly sealKey: string;
  /** A secret sealed to this device's seal key, or null when it was sealed to another. */
  openSealed(sealed: string): Buffer | null;
}

interface KeyFile {
  v: 1;
  publicKey: string;
  protectedBy: 'os' | 'file';
  /** The PKCS#8 private key, base64; sealed by the vault when `protectedBy` is 'os'. */
  secret: string;
}

const FILE = 'device-key.json';

/**
 * The device's key from `dir`, made on first run. A key sealed by the OS that cannot be opened now
 * is an error, never a new key: a new key would be a different device to everyone on the share.
 */
export function loadDeviceKey(dir: string, vault: KeyVault | null): DeviceKey {
  const path = join(dir, FILE);
  let file: KeyFile | null = null;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `This computer's signing key (${path}) is unreadable: ${(err as Error).message}. Restore it from a backup, or remove it to set this computer up again as a new device.`,
      );
    }
  }
  if (!file) {
    const pair = generateKeyPairSync('ed25519');
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    const sealed = vault?.available() === true;
    file = {
      v: 1,
      publicKey: publicKeyText(pair.publicKey),
      protectedBy: sealed ? 'os' : 'file',
      secret: (sealed ? vault!.seal(der) : der).toString('base64'),
    };
    writeFileDurably(path, JSON.stringify(file));
  }
  const secret = Buffer.from(file.secret, 'base64');
  let der: Buffer;
  if (file.protectedBy === 'os') {
    if (!vault?.available()) {
      throw new Error(
        `This computer's signing key is sealed by the system keychain, which is not available now. Unlock the keychain (or start the desktop session's secret service) and start Interdesk again.`,
      );
    }
    der = vault.open(secret);
  } else {
    der = secret;
  }
  const key = deviceKeyFrom(der, file.protectedBy);
  if (key.publicKey !== file.publicKey) throw new Error(`This computer's signing key (${path}) does not match its public half. Restore it from a backup.`);
  return key;
}

/** The device key whose private half is `der` (PKCS#8 Ed25519). */
export function deviceKeyFrom(der: Buffer, protectedBy: DeviceKey['protectedBy']): DeviceKey {
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const seal = sealKeyPair(der);
  return {
    publicKey: publicKeyText(privateKey),
    protectedBy,
    sign: (message) => sign(null, message, privateKey).toString('base64url'),
    sealKey: seal.publicKey,
    openSealed: (sealed) => openSealed(seal.privateKey, seal.publicKey, sealed),
  };
}
