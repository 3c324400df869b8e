import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyVault } from '../../electron/sync/deviceKey.js';
import { loadDeviceKey } from '../../electron/sync/deviceKey.js';
import { signedMessage, verifySignature } from '../../electron/sync/format/signature.js';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdesk-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A keychain that reverses bytes: enough to see what was sealed, and when it is locked. */
function vault(unlocked = true): KeyVault & { sealed: number } {
  const v = {
    sealed: 0,
    available: () => unlocked,
    seal: (plain: Buffer) => (v.sealed++, Buffer.from(plain).reverse()),
    open: (sealed: Buffer) => Buffer.from(sealed).reverse(),
  };
  return v;
}

describe("this computer's signing key", () => {
  it('is made once and kept: the next start signs with the same key, which verifies', () => {
    const dir = fresh();
    const first = loadDeviceKey(dir, null);
    const again = loadDeviceKey(dir, null);
    expect(again.publicKey).toBe(first.publicKey);
    const message = signedMessage('{"interdesk":"segment"}', 'ab'.repeat(32));
    expect(verifySignature(first.publicKey, message, again.sign(message))).toBe(true);
    expect(verifySignature(first.publicKey, signedMessage('{"interdesk":"pack"}', 'ab'.repeat(32)), again.sign(message))).toBe(false);
  });

  it('is sealed by the OS keychain where there is one, and only readable by its owner where there is none', () => {
    const sealedDir = fresh();
    const keychain = vault();
    expect(loadDeviceKey(sealedDir, keychain).protectedBy).toBe('os');
    expect(keychain.sealed).toBe(1);
    const plainDir = fresh();
    expect(loadDeviceKey(plainDir, vault(false)).protectedBy).toBe('file');
    if (process.platform !== 'win32') expect(statSync(join(plainDir, 'device-key.json')).mode & 0o777).toBe(0o600);
  });

  it('a sealed key whose keychain is locked stops the start with what to do; it is never replaced by a new key', () => {
    const dir = fresh();
    const made = loadDeviceKey(dir, vault());
    expect(() => loadDeviceKey(dir, vault(false))).toThrow(/sealed by the system keychain, which is not available now\. Unlock the keychain/);
    expect(JSON.parse(readFileSync(join(dir, 'device-key.json'), 'utf8')).publicKey).toBe(made.publicKey);
  });

  it('a key file whose halves do not match, or that is not JSON, stops the start and says how to recover', () => {
    const dir = fresh();
    loadDeviceKey(dir, null);
    const file = join(dir, 'device-key.json');
    const other = loadDeviceKey(fresh(), null);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), publicKey: other.publicKey }));
    expect(() => loadDeviceKey(dir, null)).toThrow(/does not match its public half\. Restore it from a backup/);
    writeFileSync(file, '{');
    expect(() => loadDeviceKey(dir, null)).toThrow(/is unreadable: .*Restore it from a backup, or remove it to set this computer up again as a new device/);
  });
});
