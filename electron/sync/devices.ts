import { hasHiddenCharacters, isReservedName } from '../../shared/core/text.js';
import { MAX_DEVICE_FILE_BYTES } from './format/limits.js';
import type { ShareLayout } from './format/layout.js';
import type { ShareFs } from './shareFs.js';
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

  constructor(
    private readonly fs: ShareFs,
    private readonly now: () => number,
  ) {}

  /** This device's log folder and its device.json (which is never rewritten). */
  async register(layout: ShareLayout, deviceId: string, who: DeviceIdentity | null): Promise<void> {
    await this.fs.mkdir(layout.logDir(deviceId));
    const device = { deviceId, user: who?.user ?? null, department: who?.department ?? null, createdAt: new Date(this.now()).toISOString() };
    await this.fs.writeNew(layout.deviceFile(deviceId), Buffer.from(JSON.stringify(device, null, 2)));
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

  /** Each device's log folder, read in parallel (a network share answers many at once faster than in turn). */
  async listLogs(layout: ShareLayout, devices: readonly string[]): Promise<Map<string, string[]>> {
    const listed = await Promise.all(devices.map((device) => this.fs.readdir(layout.logDir(device)).catch(() => null)));
    return new Map(devices.flatMap((device, i) => (listed[i] ? [[device, listed[i]] as [string, string[]]] : [])));
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
