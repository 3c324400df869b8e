import { join } from 'node:path';

/** The folder Interdesk keeps inside the shared folder the user chose (docs/sync.md §Layout). */
export const SHARE_ROOT_NAME = 'Interdesk';
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;

const SEQ_DIGITS = 12;

export type ConflictKind = 'syncthing' | 'dropbox' | 'onedrive';
export interface SegmentName {
  first: number;
  conflict: ConflictKind | null;
}

const PATTERNS: [RegExp, ConflictKind | null][] = [
  [/^(\d{12})\.seg$/, null],
  [/^(\d{12})\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.seg$/, 'syncthing'],
  [/^(\d{12}) \([^)]*conflicted copy[^)]*\)(?: \(\d+\))?\.seg$/, 'dropbox'],
  [/^(\d{12})-[A-Za-z0-9][A-Za-z0-9_-]{0,62}\.seg$/, 'onedrive'],
];

/** What a file in a log folder is: a segment, a sync tool's conflict copy of one, or neither. */
export function parseSegmentName(name: string): SegmentName | null {
  for (const [pattern, conflict] of PATTERNS) {
    const m = pattern.exec(name);
    if (m) return { first: Number(m[1]), conflict };
  }
  return null;
}

/** The first sequence numbers of a log folder's segment files (not conflict copies), ascending. */
export function segmentFirsts(names: readonly string[]): number[] {
  return names
    .map(parseSegmentName)
    .flatMap((n) => (n && !n.conflict ? [n.first] : []))
    .sort((a, b) => a - b);
}

export function segmentName(first: number): string {
  return `${String(first).padStart(SEQ_DIGITS, '0')}.seg`;
}

/**
 * Where a device writes a segment whose own name something else took (docs/sync.md §Settling
 * the own log): a name readers already look at when that segment turns out bad, as they do for
 * a sync tool's conflict copy.
 */
export function detourName(first: number, tag: string): string {
  return `${String(first).padStart(SEQ_DIGITS, '0')}-detour-${tag}.seg`;
}

export class ShareLayout {
  readonly root: string;

  constructor(sharePath: string) {
    this.root = join(sharePath, SHARE_ROOT_NAME);
  }

  get formatFile() {
    return join(this.root, 'format.json');
  }
  /** The first admin's statement that turned roles on for a share made before keys (docs/sync.md §Upgrading a share). */
  get upgradeFile() {
    return join(this.root, 'upgrade.json');
  }
  get devicesDir() {
    return join(this.root, 'devices');
  }
  deviceDir(device: string) {
    return join(this.devicesDir, device);
  }
  deviceFile(device: string) {
    return join(this.deviceDir(device), 'device.json');
  }
  logDir(device: string) {
    return join(this.deviceDir(device), 'log');
  }
  /** A device's packs of its own older segments (docs/sync.md §Packs). */
  packsDir(device: string) {
    return join(this.deviceDir(device), 'packs');
  }
  packPath(device: string, name: string) {
    return join(this.packsDir(device), name);
  }
  /**
   * A device says it reads something a newer build added (`packs`) by a file written once under
   * this name; device.json is never rewritten, so it cannot say so later.
   */
  featureFile(device: string, feature: 'packs') {
    return join(this.deviceDir(device), 'features', feature);
  }
  get snapshotsDir() {
    return join(this.root, 'snapshots');
  }
  get blobsDir() {
    return join(this.root, 'blobs');
  }
  blobPath(hash: string) {
    return join(this.blobsDir, hash);
  }
  segmentPath(device: string, first: number) {
    return join(this.logDir(device), segmentName(first));
  }
  detourPath(device: string, first: number, tag: string) {
    return join(this.logDir(device), detourName(first, tag));
  }
}
