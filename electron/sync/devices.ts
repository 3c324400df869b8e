import { hasHiddenCharacters, isReservedName } from '../../shared/core/text.js';
import { MAX_DEVICE_FILE_BYTES } from './format/limits.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
import { DeviceFiles } from './format/deviceFiles.js';
import { dirname } from 'node:path';
import { errorCode } from './shareErrors.js';

export interface DeviceIdentity {
  user: string;
  department: string;
}

/**
 * The devices on the share and who they are (docs/sync.md §device.json): this device's folder
 * and device.json, written once; the other devices' device.json, read once each.
 */
export class DeviceDirectory {
  private readonly identities = new Map<string, DeviceIdentity>();
  private readonly readsPacks = new Set<string>();

  constructor(
    private readonly fs: ShareFs,
    private readonly now: () => number,
  ) {}

  /** This device's log folder, its device.json (which is never rewritten) and the features it reads. */
  async register(layout: ShareLayout, deviceId: string, who: DeviceIdentity | null): Promise<void> {
    await this.fs.mkdir(layout.logDir(deviceId));
    const device = { deviceId, user: who?.user ?? null, department: who?.department ?? null, createdAt: new Date(this.now()).toISOString() };
    await this.fs.writeNew(layout.deviceFile(deviceId), Buffer.from(JSON.stringify(device, null, 2)));
    // This build reads packs: once every device has said so, packed segments may be removed.
    await this.fs.mkdir(dirname(layout.featureFile(deviceId, 'packs')));
    await this.fs.writeNew(layout.featureFile(deviceId, 'packs'), Buffer.from(`${device.createdAt}\n`));
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

  /** device.json of the devices not known yet; one that is missing or unreadable is tried on the next full scan. */
  async readIdentities(layout: ShareLayout, devices: readonly string[]): Promise<void> {
    const unknown = devices.filter((device) => !this.identities.has(device));
    await Promise.all(
      unknown.map(async (device) => {
        try {
          const who = JSON.parse((await this.fs.readFile(layout.deviceFile(device), MAX_DEVICE_FILE_BYTES)).toString('utf8')) as {
            user?: unknown;
            department?: unknown;
          };
          if (plainName(who.user) && plainName(who.department)) {
            this.identities.set(device, { user: who.user, department: who.department });
          }
        } catch {
          // Not arrived yet, or half-arrived: looked at again next time.
        }
      }),
    );
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
