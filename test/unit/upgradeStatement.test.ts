import { describe, expect, it } from 'vitest';
import { decodeUpgrade, encodeUpgrade, MAX_COVERED_DEVICES } from '../../electron/sync/format/upgradeStatement.js';
import type { UpgradeStatement } from '../../electron/sync/format/upgradeStatement.js';
import { keyFromSeed } from '../helpers/keys.js';

/** upgrade.json as a reader takes it (docs/sync.md §Upgrading a share): any bytes may be there. */
const SHARE = '5b0b7c1e-3f5d-4c8e-9a43-0e6f2d1c9b7a';
const DEVICE = '0f4c2d9e-8a1b-4c3d-9e5f-6a7b8c9d0e1f';
const admin = keyFromSeed('admin');
const statement: UpgradeStatement = {
  format: 'interdesk-upgrade',
  shareId: SHARE,
  createdAt: '2026-12-01T09:00:00.000Z',
  root: { device: DEVICE, publicKey: admin.publicKey },
  covers: { [DEVICE]: { through: 12, sha256: 'a'.repeat(64) } },
};
const reread = (bytes: Buffer) => decodeUpgrade(bytes, SHARE);
const edited = (change: (f: Record<string, unknown>) => void) => {
  const f = JSON.parse(encodeUpgrade(statement, admin.sign).toString()) as Record<string, unknown>;
  change(f);
  return Buffer.from(JSON.stringify(f));
};

describe('an upgrade statement', () => {
  it('reads back as its root signed it', () => {
    expect(reread(encodeUpgrade(statement, admin.sign))).toEqual(statement);
  });

  it('is passed over when signed by a key other than the root it names, or changed after signing', () => {
    expect(reread(encodeUpgrade(statement, keyFromSeed('mallory').sign))).toEqual({ invalid: 'its signature is not its root’s' });
    const more = edited((f) => {
      (f.covers as Record<string, { through: number }>)[DEVICE]!.through = 13;
    });
    expect(reread(more)).toEqual({ invalid: 'its signature is not its root’s' });
  });

  it('is passed over when it names another share, no root, or is not a statement at all', () => {
    expect(decodeUpgrade(encodeUpgrade(statement, admin.sign), 'another-share')).toEqual({ invalid: 'it names another shared folder' });
    expect(reread(edited((f) => delete f.root))).toEqual({ invalid: 'it names no root key' });
    expect(reread(Buffer.from('{"format":"interdesk-upgr'))).toEqual({ invalid: 'it is not JSON (still arriving?)' });
    expect(reread(Buffer.from('[1,2]'))).toEqual({ invalid: 'it is not a statement' });
  });

  it('covers at most 10,000 devices, each by a count of operations and a digest', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_COVERED_DEVICES + 1 }, (_, i) => [
        `${DEVICE.slice(0, -6)}${String(i).padStart(6, '0')}`,
        { through: 1, sha256: 'b'.repeat(64) },
      ]),
    );
    expect(reread(encodeUpgrade({ ...statement, covers: many }, admin.sign))).toEqual({ invalid: 'it covers more than 10,000 devices' });
    for (const cover of [
      { through: 0, sha256: 'a'.repeat(64) },
      { through: 1.5, sha256: 'a'.repeat(64) },
      { through: 1, sha256: 'not hex' },
    ])
      expect(reread(encodeUpgrade({ ...statement, covers: { [DEVICE]: cover } }, admin.sign))).toEqual({ invalid: `what it covers of ${DEVICE} is malformed` });
    expect(reread(encodeUpgrade({ ...statement, covers: { '../etc': { through: 1, sha256: 'a'.repeat(64) } } }, admin.sign))).toEqual({
      invalid: 'what it covers of ../etc is malformed',
    });
  });
});
