import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { DEFAULT_DEPARTMENTS, defaultConfigs } from '../../shared/config/department.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import { FORMAT_MAJOR, FORMAT_MINOR, ShareLayout, segmentName } from '../../electron/sync/format/layout.js';
import { encodeLines, encodeSegment } from '../../electron/sync/format/segment.js';
import { DeviceFiles } from '../../electron/sync/format/deviceFiles.js';
import { keyFromSeed } from '../helpers/keys.js';
import type { DeviceKey } from '../../electron/sync/deviceKey.js';
import type { PackName } from '../../electron/sync/format/pack.js';
import { packName } from '../../electron/sync/format/pack.js';
import { KEEP_PACKED_SEGMENTS_MS, PACK_AFTER_SEGMENTS, gatherPack, heldBy, planPack } from '../../electron/sync/packer.js';
import { dirname } from 'node:path';

export interface ShareSpec {
  devices: number;
  requests: number;
  operations: number;
  /**
   * A number: every device writes segments of that many operations (the old, uniform bench).
   * 'saves': as machines write (docs/sync.md §Packs): one segment per save of one to three
   * operations, a few busy service-desk machines, a few long offline periods flushed as big
   * segments, spread over a year, each device packing its own history as the packer does.
   */
  opsPerSegment: number | 'saves';
  /** As builds before keys wrote: no key in device.json, no signatures (what signatures cost is measured against it). */
  unsigned?: boolean;
  /** The departments' configuration the first machine seeds, so queues compute real SLA clocks. */
  seedTimeZone: string;
}

/** A deterministic pseudo-random source, so every run measures the same share. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// The hashed part first, as random ids look (a request's key is its id's first characters); `n` keeps them unique.
const uuid = (n: number) => `${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const WORDS = ['laptop', 'access', 'payroll', 'invoice', 'desk', 'badge', 'contract', 'quote', 'repair', 'training', 'license', 'report'];

/**
 * A share as a company of this size would have it: `devices` staff machines, `requests`
 * requests, `operations` operations in all (creations, status changes, comments), in segments
 * (and packs, for the shape machines really write). Answers the bytes and files written.
 */
export async function generateShare(sharePath: string, spec: ShareSpec): Promise<{ bytes: number; segments: number }> {
  const random = rng(42);
  const layout = new ShareLayout(sharePath);
  mkdirSync(layout.devicesDir, { recursive: true });
  writeFileSync(
    layout.formatFile,
    JSON.stringify({
      format: 'interdesk-share',
      major: FORMAT_MAJOR,
      minor: FORMAT_MINOR,
      shareId: 'bench-share',
      createdAt: spec.opsPerSegment === 'saves' ? '2025-11-01T00:00:00Z' : '2026-01-01T00:00:00Z',
    }),
  );
  const saves = spec.opsPerSegment === 'saves';
  const devices = Array.from({ length: spec.devices }, (_, i) => ({
    id: `bench-device-${String(i).padStart(3, '0')}`,
    seq: 0,
    pending: [] as Operation[],
    first: 1,
    // A service desk: the first three machines write 25 times as much as the others.
    weight: saves && i < 3 ? 25 : 1,
    saveSize: 1,
    offlineFor: 0,
    history: new DeviceHistory(),
  }));
  const totalWeight = devices.reduce((n, d) => n + d.weight, 0);
  const pickDevice = () => {
    let r = random() * totalWeight;
    for (const d of devices) if ((r -= d.weight) < 0) return d;
    return devices[devices.length - 1]!;
  };
  const depts = DEFAULT_DEPARTMENTS;
  // A year of saves ends before today: a reader holds aside what is dated ahead of its clock.
  let wall = saves ? Date.UTC(2025, 10, 1, 8) : Date.UTC(2026, 0, 5, 8);
  // Saves spread over a year; the uniform bench keeps its old pace.
  const meanStepMs = saves ? (365 * 86_400_000) / spec.operations : 1_500;
  const flush = async (d: (typeof devices)[number]) => {
    for (let at = 0; at < d.pending.length; at += MAX_OPS_PER_WRITE) {
      const ops = d.pending.slice(at, at + MAX_OPS_PER_WRITE);
      await d.history.flushed(ops, wall, saves);
    }
    d.first = d.seq + 1;
    d.pending = [];
  };
  const created: string[] = [];
  const first = devices[0]!;
  first.pending.push({
    id: `${first.id}:${++first.seq}`,
    hlc: formatHlc({ wall, counter: 0, device: first.id }),
    actor: { user: 'Admin', department: 'IT' },
    type: 'config.seed',
    target: CONFIG_TARGET,
    fields: { departments: defaultConfigs(spec.seedTimeZone) },
  });
  /** Each request's two departments: a change is made by the side the rules let make it (docs/sync.md §Rules). */
  const sides = new Map<string, { from: string; to: string }>();
  /** A machine of `dept` (saves: each machine is one person's, in one department), as busy as its weight says. */
  const deviceOf = (dept: string) => {
    if (!saves) return devices[Math.floor(random() * devices.length)]!;
    const own = devices.filter((_, i) => depts[i % depts.length] === dept);
    let r = random() * own.reduce((n, x) => n + x.weight, 0);
    for (const x of own) if ((r -= x.weight) < 0) return x;
    return own[own.length - 1]!;
  };
  for (let n = 1; n < spec.operations; n++) {
    wall += Math.floor(random() * 2 * meanStepMs);
    const mustCreate =
      created.length < spec.requests &&
      (created.length === 0 || random() < spec.requests / spec.operations || spec.operations - n <= spec.requests - created.length);
    // A status is the providing side's; a reply either side's.
    const target = mustCreate ? uuid(created.length + 1) : created[Math.floor(random() * created.length)]!;
    const isStatus = !mustCreate && random() < 0.5;
    const side = sides.get(target);
    const d = mustCreate
      ? saves
        ? pickDevice()
        : devices[Math.floor(random() * devices.length)]!
      : deviceOf(isStatus || random() < 0.5 ? side!.to : side!.from);
    // A staff machine is one person's; the uniform bench keeps its old 5,000 random actors.
    const dept: string = saves
      ? depts[devices.indexOf(d) % depts.length]!
      : mustCreate
        ? depts[Math.floor(random() * depts.length)]!
        : isStatus
          ? side!.to
          : side!.from;
    const actor = { user: `User ${saves ? devices.indexOf(d) : Math.floor(random() * 5000)}`, department: dept };
    const base = { id: `${d.id}:${++d.seq}`, hlc: formatHlc({ wall, counter: 0, device: d.id }), actor };
    let op: Operation;
    if (mustCreate) {
      created.push(target);
      const to = depts[(depts.indexOf(dept as (typeof depts)[number]) + 1 + Math.floor(random() * (depts.length - 1))) % depts.length]!;
      sides.set(target, { from: dept, to });
      const w = () => WORDS[Math.floor(random() * WORDS.length)];
      op = {
        ...base,
        type: 'request.create',
        target,
        fields: {
          type: w()!,
          title: `${w()} ${w()} for ${actor.user}`,
          details: `Please handle the ${w()} before the ${w()} review.`,
          priority: (['P1', 'P2', 'P3', 'P4'] as const)[Math.floor(random() * 4)]!,
          neededBy: new Date(wall + random() * 20 * 86_400_000).toISOString(),
          fromDepartment: dept,
          toDepartment: to,
        },
      };
    } else {
      op = isStatus
        ? {
            ...base,
            type: 'request.status',
            target,
            fields: { status: (['acknowledged', 'in_progress', 'waiting_on_requester', 'done'] as const)[Math.floor(random() * 4)]! },
          }
        : { ...base, type: 'request.comment', target, fields: { body: `Update on ${WORDS[Math.floor(random() * WORDS.length)]}: done by Friday.` } };
    }
    d.pending.push(op);
    if (!saves) {
      if (d.pending.length >= (spec.opsPerSegment as number)) await flush(d);
      continue;
    }
    // Some machines go offline for a while (a laptop on a trip): their saves wait, then go as one.
    if (d.offlineFor > 0) {
      if (--d.offlineFor === 0) await flush(d);
      continue;
    }
    if (d.weight === 1 && random() < 0.000_5) {
      d.offlineFor = 500 + Math.floor(random() * 2_500);
      continue;
    }
    if (d.pending.length >= d.saveSize) {
      await flush(d);
      const r = random();
      d.saveSize = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
    }
  }
  for (const d of devices) await flush(d);
  // Every machine has run a full scan lately.
  if (saves) for (const d of devices) await d.history.pack(wall);
  let bytes = 0;
  let files = 0;
  for (const d of devices) {
    const i = devices.indexOf(d);
    const who = { deviceId: d.id, user: `User ${i}`, department: depts[i % depts.length]!, createdAt: new Date(Date.UTC(2025, 10, 1)).toISOString() };
    const written = d.history.write(layout, d.id, who, spec.unsigned ? null : keyFromSeed(d.id));
    bytes += written.bytes;
    files += written.files;
  }
  return { bytes, segments: files };
}

/** A segment holds at most this many operations (push.ts writes 5,000 at most). */
const MAX_OPS_PER_WRITE = 5_000;
/** The packer runs on full scans: about every minute while a machine is on. */
const FULL_SCAN_EVERY_MS = 60_000;

/**
 * One device's files on the share as time goes by: its segments as flushed, packed and removed
 * by the packer's own rules (planPack, gatherPack, heldBy), kept in memory until written.
 */
class DeviceHistory {
  private readonly segments = new Map<number, Buffer>();
  private readonly packs = new Map<string, { name: PackName; body: Buffer; madeAt: number }>();
  private flushedSeq = 0;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private sincePack = 0;

  async flushed(ops: readonly Operation[], wall: number, pack: boolean): Promise<void> {
    const body = Buffer.from(ops.map((op) => `${JSON.stringify(op)}\n`).join(''));
    this.segments.set(this.flushedSeq + 1, body);
    this.flushedSeq += ops.length;
    // The packer runs on full scans; only once enough has come since its last pack can it do anything.
    if (pack && ++this.sincePack >= PACK_AFTER_SEGMENTS && wall - this.checkedAt >= FULL_SCAN_EVERY_MS) await this.pack(wall);
  }

  /** A full scan on the device: packs what is due, and removes what week-old packs hold. */
  async pack(wall: number): Promise<void> {
    this.checkedAt = wall;
    this.sincePack = 0;
    await this.packDue(wall);
  }

  private files(): DeviceFiles {
    const log = [...this.segments.keys()].map(segmentName);
    return new DeviceFiles(log, [...this.packs.keys()]);
  }

  private async packDue(wall: number): Promise<void> {
    for (let plan = planPack(this.files(), this.flushedSeq); plan; plan = planPack(this.files(), this.flushedSeq)) {
      const made = await gatherPack(plan, async (source) => {
        const body = 'pack' in source ? this.packs.get(source.name)!.body : this.segments.get(source.segment)!;
        let count = 0;
        for (let nl = body.indexOf(0x0a); nl !== -1; nl = body.indexOf(0x0a, nl + 1)) count++;
        return { body, count };
      });
      if (!made) break;
      const name: PackName = { first: made.first, last: made.last };
      this.packs.set(packName(name), { name, body: Buffer.concat(made.bodies), madeAt: wall });
    }
    // What a week-old pack holds is removed.
    const files = this.files();
    for (const { name, madeAt } of [...this.packs.values()]) {
      if (madeAt > wall - KEEP_PACKED_SEGMENTS_MS) continue;
      for (const source of heldBy(files, name)) {
        if ('pack' in source) this.packs.delete(source.name);
        else this.segments.delete(source.segment);
      }
    }
  }

  write(layout: ShareLayout, device: string, who: object, key: DeviceKey | null): { bytes: number; files: number } {
    mkdirSync(layout.logDir(device), { recursive: true });
    writeFileSync(layout.deviceFile(device), JSON.stringify({ ...who, ...(key ? { publicKey: key.publicKey } : {}) }, null, 2));
    mkdirSync(layout.packsDir(device), { recursive: true });
    mkdirSync(dirname(layout.featureFile(device, 'packs')), { recursive: true });
    writeFileSync(layout.featureFile(device, 'packs'), '\n');
    let bytes = 0;
    for (const [first, body] of this.segments) {
      const file = encodeLines('segment', device, first, body, key?.sign ?? null);
      writeFileSync(layout.segmentPath(device, first), file);
      bytes += file.length;
    }
    for (const [name, { body, madeAt, name: range }] of this.packs) {
      const file = encodeLines('pack', device, range.first, body, key?.sign ?? null, { packedAt: new Date(madeAt).toISOString() });
      writeFileSync(layout.packPath(device, name), file);
      bytes += file.length;
    }
    return { bytes, files: this.segments.size + this.packs.size };
  }
}

/** One more segment of `count` comments from an existing device, as a colleague's next sync. */
export function appendSegment(sharePath: string, device: string, first: number, count: number, target: string): void {
  const layout = new ShareLayout(sharePath);
  // Signed as its device signs: a share generated unsigned (as builds before keys wrote) stays so.
  const signed = (JSON.parse(readFileSync(layout.deviceFile(device), 'utf8')) as { publicKey?: string }).publicKey !== undefined;
  const ops: Operation[] = Array.from({ length: count }, (_, i) => ({
    id: `${device}:${first + i}`,
    hlc: formatHlc({ wall: Date.now(), counter: i, device }),
    actor: { user: 'Bench', department: 'IT' },
    type: 'request.comment',
    target,
    fields: { body: `incremental ${first + i}` },
  }));
  writeFileSync(layout.segmentPath(device, first), encodeSegment(device, ops, signed ? keyFromSeed(device).sign : null));
}
