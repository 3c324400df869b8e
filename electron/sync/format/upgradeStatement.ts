import { isDeviceId } from '../../../shared/ops/operationSchema.js';
import type { Coverage } from '../../store/coverageCheck.js';
import type { Signer } from './signature.js';
import { isPublicKeyText, verifySignature } from './signature.js';

/**
 * upgrade.json (docs/sync.md §Upgrading a share): on a share made before keys, the first admin's
 * signed statement that turns the roster on. It names the admin's key (the share's root from then
 * on) and covers the history already there: per device, the last operation it had written and a
 * digest of all of them, so that history counts as it was while nothing written after it does
 * without a member's key.
 */
export interface UpgradeStatement {
  format: 'interdesk-upgrade';
  shareId: string;
  createdAt: string;
  root: { device: string; publicKey: string };
  covers: Record<string, Coverage>;
}

/** A share has a few hundred devices; ten thousand keeps a crafted statement small. */
export const MAX_COVERED_DEVICES = 10_000;
/** Far above what one device writes in years (a busy desk writes ~100,000 a year). */
export const MAX_COVERED_SEQ = 100_000_000;
const SHA256 = /^[0-9a-f]{64}$/;

const signed = (s: UpgradeStatement) =>
  Buffer.from(`interdesk-upgrade-v1\n${JSON.stringify([s.format, s.shareId, s.createdAt, s.root.device, s.root.publicKey, s.covers])}`, 'utf8');

/** The statement as a file, signed by the root's key. */
export function encodeUpgrade(statement: UpgradeStatement, sign: Signer): Buffer {
  return Buffer.from(JSON.stringify({ ...statement, sig: sign(signed(statement)) }, null, 2));
}

/** The statement an upgrade.json holds for share `shareId`, or why it is not one (any bytes may be there). */
export function decodeUpgrade(bytes: Buffer, shareId: string): UpgradeStatement | { invalid: string } {
  let f: Record<string, unknown>;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { invalid: 'it is not a statement' };
    f = parsed as Record<string, unknown>;
  } catch {
    return { invalid: 'it is not JSON (still arriving?)' };
  }
  const root = f.root as Record<string, unknown> | undefined;
  if (f.format !== 'interdesk-upgrade' || typeof f.createdAt !== 'string' || Number.isNaN(Date.parse(f.createdAt))) return { invalid: 'it is not a statement' };
  if (f.shareId !== shareId) return { invalid: 'it names another shared folder' };
  if (!root || typeof root !== 'object' || typeof root.device !== 'string' || !isDeviceId(root.device) || !isPublicKeyText(root.publicKey))
    return { invalid: 'it names no root key' };
  const covers = f.covers;
  if (!covers || typeof covers !== 'object' || Array.isArray(covers)) return { invalid: 'it covers no history' };
  let n = 0;
  for (const [device, c] of Object.entries(covers as Record<string, unknown>)) {
    const cover = c as Partial<Coverage> | null;
    if (++n > MAX_COVERED_DEVICES) return { invalid: `it covers more than ${MAX_COVERED_DEVICES.toLocaleString('en')} devices` };
    if (
      !isDeviceId(device) ||
      !cover ||
      !Number.isSafeInteger(cover.through) ||
      cover.through! < 1 ||
      cover.through! > MAX_COVERED_SEQ ||
      !SHA256.test(String(cover.sha256))
    )
      return { invalid: `what it covers of ${device.slice(0, 40)} is malformed` };
  }
  const statement: UpgradeStatement = {
    format: 'interdesk-upgrade',
    shareId,
    createdAt: f.createdAt,
    root: { device: root.device as string, publicKey: root.publicKey as string },
    covers: Object.fromEntries(Object.entries(covers as Record<string, Coverage>).map(([d, c]) => [d, { through: c.through, sha256: c.sha256 }])),
  };
  if (!verifySignature(statement.root.publicKey, signed(statement), f.sig)) return { invalid: 'its signature is not its root’s' };
  return statement;
}
