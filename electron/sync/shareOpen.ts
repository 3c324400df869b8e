import { FileTooLarge, MAX_FORMAT_FILE_BYTES, MAX_UPGRADE_FILE_BYTES } from './format/limits.js';
import type { UpgradeStatement } from './format/upgradeStatement.js';
import { decodeUpgrade } from './format/upgradeStatement.js';
import { randomUUID } from 'node:crypto';
import { FORMAT_MAJOR, FORMAT_MINOR } from './format/layout.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
import { READ_ONLY_CODES, ShareUnavailable, errorCode } from './shareErrors.js';
import type { SyncStore } from './syncStore.js';
import { isPublicKeyText, keyFingerprint } from './format/signature.js';

/** format.json (docs/sync.md §format.json). */
export interface ShareFormat {
  format: 'interdesk-share';
  major: number;
  minor: number;
  shareId: string;
  createdAt: string;
  /** The key of the machine that created the share: its first admin (docs/sync.md §Trust). Absent on shares from before keys. */
  root?: { device: string; publicKey: string };
}

/**
 * The share's format.json, created on first use. A missing one on a share this device knows
 * means "not there", never "start again"; the store remembers the share it syncs with.
 */
export async function openShare(
  fs: ShareFs,
  sharePath: string,
  layout: ShareLayout,
  store: SyncStore,
  now: () => number,
  /** This machine's key: named as the root of a share it creates. */
  publicKey: string,
): Promise<ShareFormat> {
  try {
    if (!(await fs.stat(sharePath)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ShareUnavailable(`The shared folder ${sharePath} is not reachable. Changes are kept on this computer and sent when it is back.`);
  }
  const adopt = async (format: ShareFormat) => {
    const created = Date.parse(format.createdAt);
    // A share made before keys has its root from the upgrade statement, once someone turned its roles on.
    const statement = format.root ? null : await readUpgrade(fs, layout, format.shareId);
    const root = isPublicKeyText(format.root?.publicKey) ? format.root.publicKey : (statement?.root.publicKey ?? null);
    // Pinned when first met, as SSH pins a host: a share whose root changed is not the one this machine joined.
    // The one change allowed: a share met without a root whose roles were turned on since.
    if (format.shareId === store.shareId && store.shareRoot === null && statement) store.adoptUpgrade(statement.root.publicKey, statement.covers);
    else if (format.shareId === store.shareId && root !== store.shareRoot) {
      throw new ShareUnavailable(
        `The shared folder's root key changed (it shows ${root ? keyFingerprint(root) : 'none'}, this computer joined it with ${store.shareRoot ? keyFingerprint(store.shareRoot) : 'none'}): its ${layout.formatFile} was replaced. Nothing is read or written there until an admin checks who changed it and restores it.`,
      );
    }
    store.joinShare(format.shareId, Number.isFinite(created) ? created : 0, root, statement?.covers);
    return format;
  };
  const existing = await readFormat(fs, layout);
  if (existing) return await adopt(existing);
  if (store.shareId) {
    throw new ShareUnavailable(
      `The shared folder ${sharePath} looks empty (${layout.formatFile} is missing): it may not be mounted, or was emptied. Nothing was deleted here; changes wait until it is back.`,
    );
  }
  const created: ShareFormat = {
    format: 'interdesk-share',
    major: FORMAT_MAJOR,
    minor: FORMAT_MINOR,
    shareId: randomUUID(),
    createdAt: new Date(now()).toISOString(),
    root: { device: store.deviceId, publicKey },
  };
  try {
    await fs.mkdir(layout.devicesDir);
    await fs.writeNew(layout.formatFile, Buffer.from(JSON.stringify(created, null, 2)));
  } catch (err) {
    if (READ_ONLY_CODES.has(errorCode(err)))
      throw new ShareUnavailable(`Interdesk cannot create its folder in ${sharePath} (read-only). Choose a folder you can write to.`);
    throw err;
  }
  // Another device may have won the race to create it: whatever is there now is the share.
  return await adopt((await readFormat(fs, layout)) ?? created);
}

/** The share's upgrade statement, or null while there is none (or none that holds: it is looked at again next time). */
async function readUpgrade(fs: ShareFs, layout: ShareLayout, shareId: string): Promise<UpgradeStatement | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(layout.upgradeFile, MAX_UPGRADE_FILE_BYTES);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') console.warn(`Interdesk: ${layout.upgradeFile} is not read (${(err as Error).message})`);
    return null;
  }
  const statement = decodeUpgrade(bytes, shareId);
  if ('invalid' in statement) {
    console.warn(`Interdesk: ${layout.upgradeFile} is passed over: ${statement.invalid}`);
    return null;
  }
  return statement;
}

async function readFormat(fs: ShareFs, layout: ShareLayout): Promise<ShareFormat | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(layout.formatFile, MAX_FORMAT_FILE_BYTES);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    if (err instanceof FileTooLarge) throw new ShareUnavailable(`${layout.formatFile} is not Interdesk's (${err.reason}). Sync waits until it is replaced.`);
    throw err;
  }
  try {
    const f = JSON.parse(bytes.toString('utf8')) as ShareFormat;
    if (f.format === 'interdesk-share' && Number.isInteger(f.major) && typeof f.shareId === 'string') return f;
  } catch {
    // fall through: a half-arrived format.json
  }
  throw new ShareUnavailable(`${layout.formatFile} is unreadable (still arriving?). Sync waits for it.`);
}

/** Said when the share was set up by a newer major format: this device reads its local data only. */
export const newerFormatDetail = (format: ShareFormat) =>
  `The shared folder was set up by a newer Interdesk (format ${format.major}.${format.minor}). This copy only reads its local data and writes nothing there; update Interdesk to sync again.`;
