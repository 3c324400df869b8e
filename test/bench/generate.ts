import { mkdirSync, writeFileSync } from 'node:fs';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { DEFAULT_DEPARTMENTS, defaultConfigs } from '../../shared/config/department.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import { FORMAT_MAJOR, FORMAT_MINOR, ShareLayout } from '../../electron/sync/format/layout.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';

export interface ShareSpec {
  devices: number;
  requests: number;
  operations: number;
  opsPerSegment: number;
  /** The departments' configuration the first machine seeds, so queues compute real SLA clocks. */
  seedTimeZone: string;
}

/** A deterministic pseudo-random source, so every run measures the same share. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${((n * 2654435761) >>> 0).toString(16).padStart(12, '0')}`;
const WORDS = ['laptop', 'access', 'payroll', 'invoice', 'desk', 'badge', 'contract', 'quote', 'repair', 'training', 'license', 'report'];

/**
 * A share as a company of this size would have it: `devices` staff machines, `requests`
 * requests, `operations` operations in all (creations, status changes, comments), in segments.
 */
export function generateShare(sharePath: string, spec: ShareSpec): { bytes: number; segments: number } {
  const random = rng(42);
  const layout = new ShareLayout(sharePath);
  mkdirSync(layout.devicesDir, { recursive: true });
  writeFileSync(
    layout.formatFile,
    JSON.stringify({ format: 'interdesk-share', major: FORMAT_MAJOR, minor: FORMAT_MINOR, shareId: 'bench-share', createdAt: '2026-01-01T00:00:00Z' }),
  );
  const devices = Array.from({ length: spec.devices }, (_, i) => ({
    id: `bench-device-${String(i).padStart(3, '0')}`,
    seq: 0,
    pending: [] as Operation[],
    first: 1,
  }));
  const depts = DEFAULT_DEPARTMENTS;
  let wall = Date.UTC(2026, 0, 5, 8);
  let bytes = 0;
  let segments = 0;
  const flush = (d: (typeof devices)[number]) => {
    if (!d.pending.length) return;
    mkdirSync(layout.logDir(d.id), { recursive: true });
    const seg = encodeSegment(d.id, d.pending);
    writeFileSync(layout.segmentPath(d.id, d.first), seg);
    bytes += seg.length;
    segments++;
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
  for (let n = 1; n < spec.operations; n++) {
    wall += Math.floor(random() * 3_000);
    const d = devices[Math.floor(random() * devices.length)]!;
    const dept = depts[Math.floor(random() * depts.length)]!;
    const actor = { user: `User ${Math.floor(random() * 5000)}`, department: dept };
    const base = { id: `${d.id}:${++d.seq}`, hlc: formatHlc({ wall, counter: 0, device: d.id }), actor };
    const mustCreate =
      created.length < spec.requests &&
      (created.length === 0 || random() < spec.requests / spec.operations || spec.operations - n <= spec.requests - created.length);
    let op: Operation;
    if (mustCreate) {
      const target = uuid(created.length + 1);
      created.push(target);
      const to = depts[(depts.indexOf(dept) + 1 + Math.floor(random() * (depts.length - 1))) % depts.length]!;
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
      const target = created[Math.floor(random() * created.length)]!;
      op =
        random() < 0.5
          ? {
              ...base,
              type: 'request.status',
              target,
              fields: { status: (['acknowledged', 'in_progress', 'waiting_on_requester', 'done'] as const)[Math.floor(random() * 4)]! },
            }
          : { ...base, type: 'request.comment', target, fields: { body: `Update on ${WORDS[Math.floor(random() * WORDS.length)]}: done by Friday.` } };
    }
    d.pending.push(op);
    if (d.pending.length >= spec.opsPerSegment) flush(d);
  }
  devices.forEach(flush);
  return { bytes, segments };
}

/** One more segment of `count` comments from an existing device, as a colleague's next sync. */
export function appendSegment(sharePath: string, device: string, first: number, count: number, target: string): void {
  const layout = new ShareLayout(sharePath);
  const ops: Operation[] = Array.from({ length: count }, (_, i) => ({
    id: `${device}:${first + i}`,
    hlc: formatHlc({ wall: Date.now(), counter: i, device }),
    actor: { user: 'Bench', department: 'IT' },
    type: 'request.comment',
    target,
    fields: { body: `incremental ${first + i}` },
  }));
  writeFileSync(layout.segmentPath(device, first), encodeSegment(device, ops));
}
