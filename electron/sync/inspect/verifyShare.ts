import { isPublicKeyText } from '../format/signature.js';
import { join } from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/core/attachment.js';
import { isDeviceId } from '../../../shared/ops/operationSchema.js';
import { CLOCK_TOLERANCE_MS } from '../../../shared/ops/hlc.js';
import { sha256 } from '../../store/sha256.js';
import { DeviceFiles } from '../format/deviceFiles.js';
import { FORMAT_MAJOR, ShareLayout, parseSegmentName } from '../format/layout.js';
import { FileTooLarge, MAX_DEVICE_FILE_BYTES, MAX_FORMAT_FILE_BYTES, MAX_SNAPSHOT_BYTES } from '../format/limits.js';
import { decodePack, parsePackName } from '../format/pack.js';
import type { DecodeOptions, DecodedSegment } from '../format/segment.js';
import { decodeSegment } from '../format/segment.js';
import { isWholeSnapshot, parseSnapshotName } from '../format/shareSnapshot.js';
import { readOperationFile } from '../operationFiles.js';
import { readerOf } from '../shareErrors.js';
import type { ShareFs } from '../shareFs.js';

/** One thing wrong on a share: the file (relative to its Interdesk folder), what is wrong, and what to do. */
export interface ShareProblem {
  file: string;
  what: string;
  todo: string;
}

export interface ShareVerdict {
  /** Files read and checked. */
  checked: number;
  problems: ShareProblem[];
  /** Worth knowing, nothing wrong: copies that can go, devices that hold packing back. */
  notes: string[];
}

/** In-flight files older than this were abandoned (a write takes seconds). */
const ABANDONED_AFTER_MS = 60 * 60_000;
const SEED_GRACE_MS = 86_400_000;

type Ok = Extract<DecodedSegment, { ok: true }>;

/**
 * Every file on a share checked as a reader checks it (docs/sync.md §Faults, §Hostile files):
 * format.json, each device's device.json, segments, packs, conflict copies and detours, each
 * device's history read in order from 1 (a gap stops every reader there), packs against the
 * segments they hold, snapshots and attachments. `now` is this machine's time, for clocks held
 * aside and abandoned files.
 */
export async function verifyShare(fs: ShareFs, sharePath: string, now: number): Promise<ShareVerdict> {
  const layout = new ShareLayout(sharePath);
  const verdict: ShareVerdict = { checked: 0, problems: [], notes: [] };
  const rel = (path: string) => path.slice(layout.root.length + 1);
  const problem = (path: string, what: string, todo: string) => verdict.problems.push({ file: rel(path), what, todo });
  const read = readerOf(fs);
  const list = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);

  const createdAt = await checkFormat(fs, layout, problem);
  verdict.checked++;
  const dated: Omit<DecodeOptions, 'key'> = { notAfter: now + CLOCK_TOLERANCE_MS, ...(createdAt !== null ? { seedsFrom: createdAt - SEED_GRACE_MS } : {}) };
  const waiting: string[] = [];
  for (const device of (await list(layout.devicesDir)).filter((d) => !d.startsWith('.')).sort()) {
    const deviceDir = layout.deviceDir(device);
    if (!isDeviceId(device)) {
      problem(deviceDir, 'the folder is not named like a device; readers pass over what is in it', 'Remove it if nobody knows what it is.');
      continue;
    }
    // Files are checked against the key the device.json on the share publishes now (a reader
    // checks against the one it first saw: a changed key is for the devices' owners to compare).
    const limits: DecodeOptions = { ...dated, key: await checkDeviceFile(fs, layout, device, problem) };
    verdict.checked++;
    const [logNames, packNames] = await Promise.all([list(layout.logDir(device)), list(layout.packsDir(device))]);
    const files = new DeviceFiles(logNames, packNames);
    if (
      !(await fs.stat(layout.featureFile(device, 'packs')).then(
        () => true,
        () => false,
      ))
    )
      waiting.push(device);
    // Every file, decoded as a reader would; what decodes is kept for the checks across files.
    const packs = new Map<string, Ok>();
    const segments = new Map<number, Ok>();
    for (const name of packNames) {
      const path = layout.packPath(device, name);
      const range = parsePackName(name);
      if (name.startsWith('.tmp-')) await checkInFlight(fs, path, now, problem);
      else if (!range) verdict.notes.push(`${rel(path)}: a sync tool's copy of a pack; readers never read it, and it can be deleted.`);
      else {
        verdict.checked++;
        const decoded = decodePack((await readOperationFile(read, path)) ?? Buffer.alloc(0), device, range, limits);
        if (decoded.ok) packs.set(name, decoded);
        else problem(path, decoded.reason, 'Readers use the segments it holds while they are there. Ask its machine’s owner to sync; if it stays, delete it.');
      }
    }
    // Segments before copies: a copy is compared with its original.
    const byKind = [...logNames].sort((x, y) => Number(!!parseSegmentName(x)?.conflict) - Number(!!parseSegmentName(y)?.conflict));
    for (const name of byKind) {
      const path = join(layout.logDir(device), name);
      const parsed = parseSegmentName(name);
      if (name.startsWith('.tmp-')) await checkInFlight(fs, path, now, problem);
      if (!parsed) continue;
      verdict.checked++;
      const decoded = decodeSegment((await readOperationFile(read, path)) ?? Buffer.alloc(0), device, parsed.first, limits);
      if (!decoded.ok) {
        const copy = parsed.conflict ? 'a copy made by a sync tool, ' : '';
        problem(
          path,
          `${copy}${decoded.reason}`,
          decoded.whole
            ? 'It will not mend itself: ask its machine’s owner, then delete it.'
            : 'A sync tool may still be copying it; if it stays, ask its machine’s owner.',
        );
      } else if (!parsed.conflict) segments.set(parsed.first, decoded);
      else if (!name.includes('-detour-')) conflictCopy(verdict, path, rel(path), decoded, segments, packs, problem);
    }
    // Packs hold their segments' lines byte for byte.
    for (const [name, pack] of packs) {
      const lines = splitLines(pack.body);
      for (const first of files.firsts.filter((f) => f >= pack.header.first && f <= pack.header.last)) {
        const seg = segments.get(first);
        if (!seg) continue;
        const mine = splitLines(seg.body);
        if (mine.some((line, i) => !line.equals(lines[first - pack.header.first + i] ?? Buffer.alloc(0)))) {
          problem(
            layout.packPath(device, name),
            `it does not hold what ${rel(layout.segmentPath(device, first))} holds`,
            'Another machine may write under this id: see the status of the machine that owns it.',
          );
        }
      }
    }
    const end = readable(packs, segments);
    const highest = Math.max(0, ...files.firsts, ...[...packs.values()].map((p) => p.header.last));
    if (highest > end) {
      problem(
        layout.logDir(device),
        `readers stop after operation ${end}: no whole file holds operation ${end + 1}, though later ones are here`,
        'A sync tool may still be copying it; if it stays, the machine that wrote it should sync again.',
      );
    }
  }
  if (waiting.length) {
    verdict.notes.push(
      `${waiting.length} device${waiting.length === 1 ? ' has' : 's have'} not said they read packs (${waiting.slice(0, 5).join(', ')}${waiting.length > 5 ? ', …' : ''}): an older Interdesk, or a machine gone for good. Packed segments stay on the share until every device has.`,
    );
  }
  verdict.checked += await checkFolder(fs, now, problem, snapshotsOf(layout));
  verdict.checked += await checkFolder(fs, now, problem, blobsOf(layout));
  return verdict;
}

type Report = (path: string, what: string, todo: string) => void;

/** format.json readable, of a major this build reads; answers the share's creation time. */
async function checkFormat(fs: ShareFs, layout: ShareLayout, problem: Report): Promise<number | null> {
  try {
    const bytes = await readerOf(fs)(layout.formatFile, MAX_FORMAT_FILE_BYTES);
    if (!bytes) {
      problem(
        layout.formatFile,
        'it is missing',
        'Machines that used this share treat it as unavailable. Restore it from a backup, or point every machine at the right folder.',
      );
      return null;
    }
    const format = JSON.parse(bytes.toString('utf8')) as { format?: unknown; major?: unknown; createdAt?: unknown };
    if (format.format !== 'interdesk-share' || typeof format.major !== 'number') throw new Error('not a format file');
    if (format.major > FORMAT_MAJOR) problem(layout.formatFile, `the share is of format ${format.major}, newer than this build reads`, 'Update Interdesk.');
    const created = typeof format.createdAt === 'string' ? Date.parse(format.createdAt) : Number.NaN;
    return Number.isFinite(created) ? created : null;
  } catch (err) {
    problem(layout.formatFile, err instanceof FileTooLarge ? err.reason : 'it is not a share format file', 'Restore it from a backup.');
    return null;
  }
}

/** Checks a device.json; answers the key it publishes (null: none, or unreadable), which the device's files must be signed with. */
async function checkDeviceFile(fs: ShareFs, layout: ShareLayout, device: string, problem: Report): Promise<string | null> {
  try {
    const bytes = await readerOf(fs)(layout.deviceFile(device), MAX_DEVICE_FILE_BYTES);
    if (!bytes) {
      problem(
        layout.deviceFile(device),
        'it is missing, so readers read nothing of this device yet',
        'Its machine writes it on its next sync; until then its changes reach nobody.',
      );
      return null;
    }
    const who = JSON.parse(bytes.toString('utf8')) as { deviceId?: unknown; publicKey?: unknown } | null;
    if (who?.deviceId !== device)
      problem(layout.deviceFile(device), 'it names another device', 'Copied from another machine’s folder? Delete it; its machine writes it again.');
    return isPublicKeyText(who?.publicKey) ? who.publicKey : null;
  } catch (err) {
    problem(layout.deviceFile(device), err instanceof FileTooLarge ? err.reason : 'it is not JSON', 'Delete it; its machine writes it again on its next sync.');
    return null;
  }
}

async function checkInFlight(fs: ShareFs, path: string, now: number, problem: Report): Promise<void> {
  const stat = await fs.stat(path).catch(() => null);
  if (stat && now - stat.mtimeMs > ABANDONED_AFTER_MS)
    problem(path, 'a write abandoned more than an hour ago (its machine stopped mid-write)', 'Safe to delete.');
}

/** A conflict copy against the original: identical (can go), consistent (mends a gap), or contradictory (set aside by readers). */
function conflictCopy(verdict: ShareVerdict, path: string, file: string, copy: Ok, segments: Map<number, Ok>, packs: Map<string, Ok>, problem: Report): void {
  const original =
    segments.get(copy.header.first) ?? [...packs.values()].find((p) => p.header.first <= copy.header.first && p.header.last >= copy.header.first);
  if (!original) return; // it stands in for a missing original: readers use it
  const theirs = splitLines(original.body).slice(copy.header.first - original.header.first);
  const differs = splitLines(copy.body).some((line, i) => theirs[i] && !line.equals(theirs[i]));
  if (differs)
    problem(
      path,
      'a sync tool’s copy that contradicts the original; readers set it aside',
      'Two machines wrote under one id: the one that finds it takes a new id by itself. Delete the copy once both have synced.',
    );
  else verdict.notes.push(`${file}: a sync tool’s copy of a segment, identical to it; it can be deleted.`);
}

/** The last operation a reader reaches from 1, as pull reads: a whole pack that holds the next one (the one reaching furthest), else the segment there. */
function readable(packs: Map<string, Ok>, segments: Map<number, Ok>): number {
  const whole = new DeviceFiles([], [...packs.keys()]);
  let seq = 1;
  for (;;) {
    const held = whole.packHolding(seq);
    const next = (held && packs.get(held.name)) ?? segments.get(seq);
    if (!next) return seq - 1;
    seq = next.header.last + 1;
  }
}

function splitLines(body: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let from = 0, nl = body.indexOf(0x0a); nl !== -1; from = nl + 1, nl = body.indexOf(0x0a, from)) lines.push(body.subarray(from, nl));
  return lines;
}

/** What a folder of content-named files holds, and how each is checked. */
interface FolderCheck {
  dir: string;
  named: (name: string) => boolean;
  maxBytes: number;
  /** What is wrong with a whole file's bytes, or null. */
  wrong: (bytes: Buffer, name: string) => Promise<string | null> | string | null;
  todo: string;
  tooLarge: string;
}

/** Every file of a folder that its name says is one of its kind, read no further than its limit and checked; answers how many. */
async function checkFolder(fs: ShareFs, now: number, problem: Report, f: FolderCheck): Promise<number> {
  let checked = 0;
  for (const name of await fs.readdir(f.dir).catch(() => [] as string[])) {
    const path = join(f.dir, name);
    if (name.startsWith('.tmp-')) await checkInFlight(fs, path, now, problem);
    if (!f.named(name)) continue;
    checked++;
    try {
      const bytes = await readerOf(fs)(path, f.maxBytes);
      const wrong = bytes && (await f.wrong(bytes, name));
      if (wrong) problem(path, wrong, f.todo);
    } catch (err) {
      if (err instanceof FileTooLarge) problem(path, err.reason, f.tooLarge);
      else throw err;
    }
  }
  return checked;
}

const snapshotsOf = (layout: ShareLayout): FolderCheck => ({
  dir: layout.snapshotsDir,
  named: (name) => parseSnapshotName(name) !== null,
  maxBytes: MAX_SNAPSHOT_BYTES,
  wrong: async (bytes, name) => ((await isWholeSnapshot(bytes, name)) ? null : 'it is cut off, or its checksum does not match'),
  todo: 'Joining machines pass it over. Delete it; another is written in turn.',
  tooLarge: 'Joining machines pass it over. Delete it.',
});

const blobsOf = (layout: ShareLayout): FolderCheck => ({
  dir: layout.blobsDir,
  named: (name) => /^[0-9a-f]{64}$/.test(name),
  maxBytes: MAX_ATTACHMENT_BYTES,
  wrong: (bytes, name) => (sha256(bytes) === name ? null : 'its bytes do not match its name'),
  todo: 'Opening it says it has not arrived. Ask whoever attached it to attach it again.',
  tooLarge: 'No attachment is that large: delete it.',
});
