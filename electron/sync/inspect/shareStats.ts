import { join } from 'node:path';
import type { Source } from '../format/deviceFiles.js';
import { DeviceFiles } from '../format/deviceFiles.js';
import { ShareLayout, parseSegmentName } from '../format/layout.js';
import { MAX_DEVICE_FILE_BYTES } from '../format/limits.js';
import { parsePackName } from '../format/pack.js';
import { parseSnapshotName } from '../format/shareSnapshot.js';
import { decodeSegment } from '../format/segment.js';
import { readOperationFile, sourcePath } from '../operationFiles.js';
import { readerOf } from '../shareErrors.js';
import type { ShareFs } from '../shareFs.js';

/** One device's part of a share, as `npm run share -- stats` shows it. */
export interface DeviceStats {
  device: string;
  /** From its device.json, when it can be read. */
  who: string | null;
  segments: number;
  packs: number;
  /** Its operations a reader finds in order from 1 (the end of its packs and segments). */
  operations: number;
  bytes: number;
  /** The first segment after its packs, and when it was written (ms): what packing has not reached. */
  oldestUnpacked: { name: string; at: number } | null;
  conflictCopies: number;
  /** Whether it has said it reads packs (docs/sync.md §Packs): packed segments are removed only when all have. */
  readsPacks: boolean;
}

export interface ShareStats {
  devices: DeviceStats[];
  snapshots: number;
  blobs: number;
  /** In-flight files (`.tmp-*`) anywhere: a write under way, or one abandoned by a machine that stopped. */
  inFlight: number;
}

/**
 * What is on a share, by device (docs/sync.md §Layout): counts and sizes from listings and
 * stats, plus the header of each device's last file to count its operations. Reads no history.
 */
export async function shareStats(fs: ShareFs, sharePath: string): Promise<ShareStats> {
  const layout = new ShareLayout(sharePath);
  const list = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);
  const devices = (await list(layout.devicesDir)).filter((d) => !d.startsWith('.')).sort();
  let inFlight = 0;
  const stats: DeviceStats[] = [];
  for (const device of devices) {
    const [logNames, packNames, deviceNames] = await Promise.all([list(layout.logDir(device)), list(layout.packsDir(device)), list(layout.deviceDir(device))]);
    inFlight += [...logNames, ...packNames, ...deviceNames].filter((n) => n.startsWith('.tmp-')).length;
    const files = new DeviceFiles(logNames, packNames);
    let bytes = 0;
    for (const [dir, names] of [
      [layout.logDir(device), logNames],
      [layout.packsDir(device), packNames],
    ] as const) {
      for (const name of names) bytes += (await fs.stat(join(dir, name)).catch(() => null))?.size ?? 0;
    }
    const plan = files.planFrom(0);
    const firstSegment = plan.find((s) => 'segment' in s);
    stats.push({
      device,
      who: await whoIs(fs, layout, device),
      segments: files.firsts.length,
      packs: packNames.filter((n) => parsePackName(n)).length,
      operations: await chainEnd(fs, layout, device, plan),
      bytes,
      oldestUnpacked:
        firstSegment && 'segment' in firstSegment
          ? {
              name: sourcePath(layout, device, firstSegment).slice(layout.root.length + 1),
              at: (await fs.stat(sourcePath(layout, device, firstSegment)).catch(() => null))?.mtimeMs ?? 0,
            }
          : null,
      conflictCopies: logNames.filter((n) => parseSegmentName(n)?.conflict).length + packNames.filter((n) => n.endsWith('.pack') && !parsePackName(n)).length,
      readsPacks: await fs.stat(layout.featureFile(device, 'packs')).then(
        () => true,
        () => false,
      ),
    });
  }
  const snapshotNames = await list(layout.snapshotsDir);
  inFlight += snapshotNames.filter((n) => n.startsWith('.tmp-')).length;
  const blobNames = await list(layout.blobsDir);
  inFlight += blobNames.filter((n) => n.startsWith('.tmp-')).length;
  return {
    devices: stats,
    snapshots: snapshotNames.filter((n) => parseSnapshotName(n)).length,
    blobs: blobNames.filter((n) => /^[0-9a-f]{64}$/.test(n)).length,
    inFlight,
  };
}

/** "Ann (IT)" from a device.json, or null. */
async function whoIs(fs: ShareFs, layout: ShareLayout, device: string): Promise<string | null> {
  try {
    const bytes = await readerOf(fs)(layout.deviceFile(device), MAX_DEVICE_FILE_BYTES);
    const who = bytes ? (JSON.parse(bytes.toString('utf8')) as { user?: unknown; department?: unknown }) : null;
    return who && typeof who.user === 'string' && typeof who.department === 'string' ? `${who.user} (${who.department})` : null;
  } catch {
    return null;
  }
}

/** The last operation a reader reaches from 1: a pack's end is in its name; a segment's in its header. */
async function chainEnd(fs: ShareFs, layout: ShareLayout, device: string, plan: readonly Source[]): Promise<number> {
  const last = plan.at(-1);
  if (!last) return 0;
  if ('pack' in last) return last.pack.last;
  const file = await readOperationFile(readerOf(fs), sourcePath(layout, device, last)).catch(() => null);
  // Where the chain ends, not whether to trust it (share verify checks signatures).
  const decoded = file ? decodeSegment(file, device, last.segment, { key: null }) : null;
  if (decoded?.ok) return decoded.header.last;
  // Its last segment is bad: count to where it starts.
  return last.segment - 1;
}
