import type { DeviceKey } from './deviceKey.js';
import type { DeviceDirectory, DeviceIdentity } from './devices.js';
import type { ShareLayout } from './format/layout.js';
import { MAX_UPGRADE_FILE_BYTES } from './format/limits.js';
import { decodeUpgrade, encodeUpgrade } from './format/upgradeStatement.js';
import type { ShareFs } from './shareFs.js';
import type { SyncStore } from './syncStore.js';

export interface UpgradeContext {
  fs: ShareFs;
  store: SyncStore;
  devices: DeviceDirectory;
  key: Pick<DeviceKey, 'publicKey' | 'sign'>;
  identity: () => DeviceIdentity | null;
  now: () => number;
  onDeviceIdChanged?: ((deviceId: string) => void) | undefined;
}

/**
 * Turns roles on for a share made before keys (docs/sync.md §Upgrading a share): this machine
 * becomes its first admin. Its own folder, if a build before keys made it, is left for a new id
 * whose device.json shows its key; then upgrade.json is written once, naming this key as root and
 * covering every device's history held here. Answers 'taken' when another computer's statement
 * was there first (that one holds, and the next sync adopts it).
 */
export async function turnOnRoles(ctx: UpgradeContext, layout: ShareLayout, shareId: string): Promise<'done' | 'taken'> {
  const { fs, store, devices, key } = ctx;
  if ((await devices.register(layout, store.deviceId, ctx.identity(), key.publicKey)) === 'unkeyed') {
    const fresh = store.reidentify(false);
    ctx.onDeviceIdChanged?.(fresh);
    await devices.register(layout, fresh, ctx.identity(), key.publicKey);
  }
  const statement = {
    format: 'interdesk-upgrade' as const,
    shareId,
    createdAt: new Date(ctx.now()).toISOString(),
    root: { device: store.deviceId, publicKey: key.publicKey },
    covers: store.historyCoverage(),
  };
  let covers = statement.covers;
  if (!(await fs.writeNew(layout.upgradeFile, encodeUpgrade(statement, key.sign)))) {
    // Written already: by this machine before (a retry), or by another admin-to-be first.
    const there = decodeUpgrade(await fs.readFile(layout.upgradeFile, MAX_UPGRADE_FILE_BYTES), shareId);
    if ('invalid' in there || there.root.publicKey !== key.publicKey) return 'taken';
    covers = there.covers;
  }
  store.adoptUpgrade(key.publicKey, covers);
  return 'done';
}
