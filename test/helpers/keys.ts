import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DeviceKey, deviceKeyFrom } from '../../electron/sync/deviceKey.js';
import type { ShareLayout } from '../../electron/sync/format/layout.js';

/** PKCS#8 DER of an Ed25519 private key is this prefix and its 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A device key made from a name, the same every time: a generated share's devices can sign again later (the bench's next segment). */
export function keyFromSeed(seed: string): DeviceKey {
  return deviceKeyFrom(Buffer.concat([PKCS8_ED25519, createHash('sha256').update(seed).digest()]), 'file');
}

/** Writes a device.json for `device` as its machine would: with its public key, or without one (a build before keys). */
export function publishDevice(layout: ShareLayout, device: string, key: Pick<DeviceKey, 'publicKey'> | null, who = { user: 'Sam', department: 'Sales' }): void {
  mkdirSync(dirname(layout.deviceFile(device)), { recursive: true });
  const file = { deviceId: device, ...who, createdAt: '2026-01-01T00:00:00.000Z', ...(key ? { publicKey: key.publicKey } : {}) };
  writeFileSync(layout.deviceFile(device), JSON.stringify(file));
}
