import { hasHiddenCharacters, isReservedName } from '../../shared/core/text.js';
import { FileTooLarge, MAX_DEVICE_FILE_BYTES } from './format/limits.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
import { DeviceFiles } from './format/deviceFiles.js';
import { dirname } from 'node:path';
import { errorCode } from './shareErrors.js';
import { isPublicKeyText, keyFingerprint } from './format/signature.js';
import type { SyncStore } from './syncStore.js';

export interface DeviceIdentity {
  user: string;
  department: string;
}

/**
 * What a reader may take from a device folder (docs/sync.md §Trust): files signed by the key its
 * device.json published when first read; unsigned files when it published none (a build before
 * keys); nothing while its device.json has not arrived, or once it shows another key.
 */
export type DeviceTrust =
  | { state: 'keyed'; key: string }
  | { state: 'unkeyed' }
  /** `whole`: the file is there and wrong (too large): no sync tool will finish it. */
  | { state: 'waiting'; reason: string; whole: boolean }
  | { state: 'refused'; reason: string };

/** The part of device.json a reader relies on; anything may be in the file. */
interface DeviceFile {
  user?: unknown;
  department?: unknown;
  publicKey?: unknown;
}

/**
 * The devices on the share and who they are (docs/sync.md §device.json): this device's folder
 * and device.json, written once; the other devices' device.json, read once each.
 */
export class DeviceDirectory {
  private readonly identities = new Map<string, DeviceIdentity>();
  private readonly readsPacks = new Set<string>();
  /** What each device.json read in this run said of its key (undefined: no key); re-read on full scans. */
  private readonly published = new Map<string, string | undefined>();
  /** Why a device.json could not be read, for those that could not. */
  private readonly unread = new Map<string, { reason: string; whole: boolean }>();

  constructor(
    private readonly fs: ShareFs,
    private readonly now: () => number,
    private readonly pins: Pick<SyncStore, 'pinnedKey' | 'pinKey'>,
  ) {}

  /**
   * This device's log folder, its device.json (which is never rewritten, and carries its public
   * key) and the features it reads. Answers 'unkeyed' when the folder's device.json was written
   * by a build before keys: readers pinned it without a key, so nothing there is ever this key's.
   */
  async register(layout: ShareLayout, deviceId: string, who: DeviceIdentity | null, publicKey: string): Promise<'keyed' | 'unkeyed'> {
    await this.fs.mkdir(layout.logDir(deviceId));
    const device = { deviceId, user: who?.user ?? null, department: who?.department ?? null, createdAt: new Date(this.now()).toISOString(), publicKey };
    const path = layout.deviceFile(deviceId);
    const fresh = await this.fs.writeNew(path, Buffer.from(JSON.stringify(device, null, 2)));
    const keyed = fresh || (await this.readKey(path)) !== null;
    // This build reads packs: once every device has said so, packed segments may be removed.
    await this.fs.mkdir(dirname(layout.featureFile(deviceId, 'packs')));
    await this.fs.writeNew(layout.featureFile(deviceId, 'packs'), Buffer.from(`${device.createdAt}\n`));
    return keyed ? 'keyed' : 'unkeyed';
  }

  /** The key a device.json shows; null when it shows none (or cannot be read: then it is not taken for a key). */
  private async readKey(path: string): Promise<string | null | undefined> {
    try {
      const file = JSON.parse((await this.fs.readFile(path, MAX_DEVICE_FILE_BYTES)).toString('utf8')) as DeviceFile | null;
      return isPublicKeyText(file?.publicKey) ? file.publicKey : null;
    } catch {
      return undefined;
    }
  }

  /** The devices on the share (their folders); none before any device has written. */
  async list(layout: ShareLayout): Promise<string[]> {
    try {
      return (await this.fs.readdir(layout.devicesDir)).filter((device) => !device.startsWith('.'));
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return [];
      throw err;
    }
  }

  /**
   * Each device's log and packs folders, read in parallel (a network share answers many at once
   * faster than in turn). A device without a log folder is left out.
   */
  async listLogs(layout: ShareLayout, devices: readonly string[]): Promise<Map<string, DeviceFiles>> {
    const none = () => null;
    const listed = await Promise.all(
      devices.map((device) => Promise.all([this.fs.readdir(layout.logDir(device)).catch(none), this.fs.readdir(layout.packsDir(device)).catch(none)])),
    );
    return new Map(
      devices.flatMap((device, i) => {
        const [log, packs] = listed[i]!;
        return log ? [[device, new DeviceFiles(log, packs ?? [])] as [string, DeviceFiles]] : [];
      }),
    );
  }

  /** Whether every device on the share has said it reads packs (docs/sync.md §Packs); remembered once seen. */
  async allReadPacks(layout: ShareLayout, devices: readonly string[]): Promise<boolean> {
    for (const device of devices) {
      if (this.readsPacks.has(device)) continue;
      try {
        await this.fs.stat(layout.featureFile(device, 'packs'));
        this.readsPacks.add(device);
      } catch {
        return false;
      }
    }
    return true;
  }

  /**
   * Every device's device.json (a full scan: a key that changed is found), or only those not read
   * yet in this run. One that is missing or unreadable is tried again next time.
   */
  async readIdentities(layout: ShareLayout, devices: readonly string[], all = true): Promise<void> {
    await Promise.all(devices.filter((device) => all || !this.published.has(device)).map((device) => this.readDeviceFile(layout, device)));
  }

  private async readDeviceFile(layout: ShareLayout, device: string): Promise<void> {
    let file: DeviceFile;
    // Not arrived yet, or half-arrived: looked at again next time.
    const notYet = (reason: string, whole = false) => void this.unread.set(device, { reason, whole });
    try {
      const parsed = JSON.parse((await this.fs.readFile(layout.deviceFile(device), MAX_DEVICE_FILE_BYTES)).toString('utf8')) as unknown;
      if (parsed === null || typeof parsed !== 'object') return notYet('it is not what a device writes');
      file = parsed as DeviceFile;
    } catch (err) {
      if (err instanceof FileTooLarge) return notYet(err.reason, true);
      return notYet(errorCode(err) === 'ENOENT' ? 'it has not arrived' : 'it is not readable (still arriving?)');
    }
    this.unread.delete(device);
    if (plainName(file.user) && plainName(file.department)) this.identities.set(device, { user: file.user, department: file.department });
    const key = isPublicKeyText(file.publicKey) ? file.publicKey : undefined;
    this.published.set(device, key);
    if (this.pins.pinnedKey(device) === undefined) this.pins.pinKey(device, key ?? null);
  }

  /** What may be read from `device`'s folder now: its device.json is read first if this run has not. */
  async trust(layout: ShareLayout, device: string): Promise<DeviceTrust> {
    if (!this.published.has(device)) await this.readDeviceFile(layout, device);
    if (!this.published.has(device)) {
      const why = this.unread.get(device) ?? { reason: 'it has not arrived', whole: false };
      return { state: 'waiting', reason: `${why.reason}, so nothing of its device is read yet`, whole: why.whole };
    }
    const pinned = this.pins.pinnedKey(device) ?? null;
    const now = this.published.get(device) ?? null;
    if (pinned !== now) {
      const was = pinned === null ? 'no key' : `key ${keyFingerprint(pinned)}`;
      const is = now === null ? 'no key' : `key ${keyFingerprint(now)}`;
      return {
        state: 'refused',
        reason: `The computer ${device.slice(0, 8)} on the shared folder now shows ${is}, not the ${was} it first showed: nothing more is read from it. If it was set up again, it must join as a new computer; ask an admin, who checks who wrote ${layout.deviceFile(device)}.`,
      };
    }
    return pinned === null ? { state: 'unkeyed' } : { state: 'keyed', key: pinned };
  }

  /**
   * The people of a department whose computers are on the share, by name: colleagues to assign
   * work to before they have done any. (A device says who it was when it joined.)
   */
  colleagues(department: string): string[] {
    const names = new Set<string>();
    for (const who of this.identities.values()) if (who.department === department) names.add(who.user);
    return [...names];
  }
}

/** A name from a device.json that can be offered as a colleague: as short, plain and unreserved as an operation's actor. */
function plainName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 && !isReservedName(v) && !hasHiddenCharacters(v);
}
