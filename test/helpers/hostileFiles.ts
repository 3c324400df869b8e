import { createHash, randomUUID } from 'node:crypto';
import { signedMessage } from '../../electron/sync/format/signature.js';
import { keyFromSeed } from './keys.js';
import fc from 'fast-check';
import { formatHlc } from '../../shared/ops/hlc.js';
import { scrubs } from './schedules.js';

/**
 * Generators of every kind of file the share holds, as an attacker with write access (or a
 * broken build, or a sync tool) could leave them: segments with arbitrary JSON in every field of
 * every operation type, conflict copies, device.json, format.json, snapshots, blobs, and names.
 * Request targets are symbolic (`honest:n`) and resolved against the honest requests when written.
 */
export type HostileFile =
  | { kind: 'file'; path: string; bytes: Buffer }
  /** Replaced, checked, then put back: without it nobody can sync, by design. */
  | { kind: 'format'; bytes: Buffer }
  /** A machine with no data joins: the only reader of snapshots. */
  | { kind: 'snapshot'; name: string; bytes: Buffer };

const NOW = Date.now();
const hlc = (wall: number, device: string, counter = 0) => formatHlc({ wall, counter, device });

/** A valid operation of each type, by a device, on a target. */
function validOp(type: number, device: string, seq: number, target: string, wall: number): Record<string, unknown> {
  const base = { id: `${device}:${seq}`, hlc: hlc(wall, device), actor: { user: 'Mallory', department: 'Sales' }, target };
  const fields: [string, Record<string, unknown>, string?][] = [
    [
      'request.create',
      {
        type: 'General',
        title: 'Forged',
        details: '',
        priority: 'P2',
        neededBy: '2026-12-24T10:00:00Z',
        fromDepartment: 'Sales',
        toDepartment: 'Engineering',
        form: { item: 'x' },
      },
    ],
    ['request.status', { status: 'waiting_on_requester', note: 'Which?', resumeAt: '2026-12-20T08:00:00Z' }],
    ['request.priority', { priority: 'P1' }],
    ['request.assign', { assignee: 'Eve' }],
    ['request.comment', { body: 'Hello', internal: false }],
    ['request.watch', { watching: true }],
    ['request.link', { kind: 'parent', other: target, linked: true }],
    ['request.attach', { name: 'a.pdf', size: 4, sha256: 'a'.repeat(64), mime: 'application/pdf' }],
    ['request.forecast', { level: 2 }],
    // A recurring request's occurrence, a schedule and a chain: shaped as the app writes them (any id, any date).
    [
      'request.create',
      {
        type: 'General',
        title: 'Scrubs',
        details: '',
        priority: 'P3',
        neededBy: '2026-12-02T16:00:00Z',
        fromDepartment: 'Sales',
        toDepartment: 'Engineering',
        occurrence: { schedule: 'scrubs', date: '2026-12-02' },
      },
    ],
    ['config.schedule', { department: 'Sales', schedule: scrubs({ department: 'Engineering', typeId: 'general', answers: {}, aheadDays: 60 }) }, 'config'],
    [
      'request.chain',
      {
        template: 'visit',
        name: 'Visit',
        anchor: '2026-12-30',
        steps: [{ step: 'spec', request: target, department: 'Engineering', title: 'Spec', waitsFor: [] }],
      },
    ],
  ];
  const [t, f, to] = fields[type % fields.length]!;
  return { ...base, ...(to ? { target: to } : {}), type: t, fields: f };
}

let deep: unknown = 'bottom';
for (let i = 0; i < 40; i++) deep = { deep };
/** Values that broke something once: dates that are not, clocks far ahead, prototype names, tabs, direction marks, depth, length. */
const nasty = fc.constantFrom<unknown>(
  '2026-02-31T25:00:00Z',
  '9999-12-31T23:59:59Z',
  hlc(253_402_300_799_999, 'evil', 999_999),
  hlc(0, 'evil'),
  '__proto__',
  'constructor',
  'toString',
  'a\tb',
  'Payslip-\u202efdp.exe',
  deep,
  'x'.repeat(20_000),
  Number.MAX_SAFE_INTEGER,
  -1,
  null,
  [],
  {},
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty);

/** One operation line: valid, valid with one part replaced, framed with raw tabs, or not JSON at all. */
const opLine = (device: string, seq: number) =>
  fc
    .record({
      type: fc.nat(11),
      target: fc.oneof(
        fc.nat(3).map((n) => `honest:${n}`),
        fc.constant('new'),
      ),
      ahead: fc.oneof(fc.constant(0), fc.integer({ min: -86_400_000, max: 10 * 365 * 86_400_000 })),
      how: fc.nat(4),
      path: fc.constantFrom('id', 'hlc', 'actor', 'actor.user', 'actor.department', 'type', 'target', 'fields', 'fields.*', 'extra', 'fields.extra'),
      value: anyValue,
      garbage: fc.string({ maxLength: 200 }),
    })
    .map(({ type, target, ahead, how, path, value, garbage }) => (targets: (t: string) => string) => {
      const op = validOp(type, device, seq, targets(target), NOW + ahead);
      if (how === 0) return JSON.stringify(op);
      if (how === 1) return JSON.stringify(op).replaceAll('","', '",\t"');
      if (how === 2) return garbage;
      const [head, tail] = path.split('.');
      const holder = (tail ? op[head!] : op) as Record<string, unknown>;
      const key = tail === '*' ? (Object.keys(holder)[0] ?? 'x') : (tail ?? head!);
      holder[key] = value;
      return JSON.stringify(op);
    });

function framed(device: string, first: number, lines: string[], damage: number, kind: 'segment' | 'pack' = 'segment'): Buffer {
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const header = {
    interdesk: kind,
    v: damage === 1 ? 9 : 1,
    device,
    first,
    last: first + lines.length - 1,
    ...(kind === 'pack' ? { packedAt: damage === 3 ? 'soon' : new Date(NOW).toISOString() } : {}),
  };
  const hash = createHash('sha256').update(body).digest('hex');
  // Signed by the device's own key (its device.json may publish it), unsigned (4), or by another device's key (5).
  const signer = damage === 4 ? null : keyFromSeed(damage === 5 ? 'another device' : device);
  const sig = signer ? { sig: signer.sign(signedMessage(JSON.stringify(header), hash)) } : {};
  const trailer = { count: lines.length, bytes: body.length, sha256: hash, ...sig };
  const whole = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body, Buffer.from(`${JSON.stringify(trailer)}\n`)]);
  return damage === 2 ? whole.subarray(0, Math.floor(whole.length / 2)) : whole;
}

const DEVICES = ['mallory', 'x', 'dev-b', '00000000-0000-4000-8000-00000000dead'];
/**
 * Devices whose history is only ever a pack here. A pack and a segment that disagree under one id
 * can part two readers that read different ones (only signatures close that, see issue 16), so
 * the generator keeps the two apart; `share verify` reports such a pair.
 */
const PACKERS = ['packer', '00000000-0000-4000-8000-0000000bad00'];
const seg = (first: number) => `${String(first).padStart(12, '0')}`;

/** A hostile segment file: under a hostile device (its next name or any), or as a conflict copy of one. */
const segmentFile = fc
  .record({
    device: fc.constantFrom(...DEVICES),
    first: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 50 })),
    count: fc.integer({ min: 1, max: 6 }),
    damage: fc.nat(6),
    name: fc.nat(3),
  })
  .chain(({ device, first, count, damage, name }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => opLine(device, first + i))).map((lines) => ({ device, first, lines, damage, name })),
  );

/** The honest machines' devices and their next segment numbers, and their requests, as they stand when a file is written. */
export interface HonestShare {
  devices(): { device: string; next: number }[];
  requests(): string[];
}

export const hostileFiles = (honest: HonestShare): fc.Arbitrary<(HostileFile & { what: string })[]> => {
  const honestTargets = () => honest.requests();
  const targets = (t: string) =>
    t.startsWith('honest:') ? (honestTargets()[Number(t.slice(7)) % Math.max(1, honestTargets().length)] ?? randomUUID()) : randomUUID();
  const one: fc.Arbitrary<HostileFile & { what: string }> = fc.oneof(
    {
      weight: 6,
      arbitrary: segmentFile.map(({ device, first, lines, damage, name }) => {
        const names = [
          `${seg(first)}.seg`,
          `${seg(first)}.sync-conflict-20261201-101010-ABCDEFG.seg`,
          `${seg(first)} (Sam's conflicted copy).seg`,
          `${seg(first)}-PC.seg`,
        ];
        const bytes = framed(
          device,
          first,
          lines.map((l) => l(targets)),
          damage,
        );
        return { kind: 'file' as const, path: `devices/${device}/log/${names[name]}`, bytes, what: `segment ${device}/${names[name]}` };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.nat(3),
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
            anyValue.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
          ),
        )
        .map(([n, bytes]) => {
          // At an honest device's next segment name, as junk: it must not move that device's identity.
          const all = honest.devices();
          const { device, next } = all[n % all.length]!;
          return { kind: 'file' as const, path: `devices/${device}/log/${seg(next)}.seg`, bytes, what: `junk at ${device}'s next segment` };
        }),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({
          device: fc.constantFrom(...PACKERS),
          first: fc.integer({ min: 1, max: 3 }),
          count: fc.integer({ min: 1, max: 6 }),
          damage: fc.nat(6),
          name: fc.nat(4),
        })
        .chain(({ device, first, count, damage, name }) =>
          fc.tuple(...Array.from({ length: count }, (_, i) => opLine(device, first + i))).map((lines) => ({ device, first, lines, damage, name })),
        )
        .map(({ device, first, lines, damage, name }) => {
          const last = first + lines.length - 1;
          const names = [
            `${seg(first)}-${seg(last)}.pack`,
            `${seg(first)}-${seg(last + 5)}.pack`, // its name claims more than it holds
            `${seg(first)}-${seg(last)}.sync-conflict-20261201-101010-ABCDEFG.pack`,
            `${seg(last)}-${seg(first)}.pack`,
            `.tmp-${seg(first)}`,
          ];
          const bytes = framed(
            device,
            first,
            lines.map((l) => l(targets)),
            damage,
            'pack',
          );
          return { kind: 'file' as const, path: `devices/${device}/packs/${names[name]}`, bytes, what: `pack ${device}/${names[name]}` };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(3), fc.uint8Array({ maxLength: 300 })).map(([n, bytes]) => {
        // Beside an honest device's segments: a sync tool's copy of a pack, or junk where its features are said.
        const all = honest.devices();
        const { device } = all[n % all.length]!;
        const path = n % 2 ? `devices/${device}/packs/000000000001-000000000009.sync-conflict-20261201-101010-ABCDEFG.pack` : `devices/${device}/features/junk`;
        return { kind: 'file' as const, path, bytes: Buffer.from(bytes), what: `junk beside ${device}'s packs` };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...DEVICES), anyValue, fc.boolean(), fc.nat(3)).map(([device, value, asObject, key]) => ({
        kind: 'file' as const,
        path: `devices/${device}/device.json`,
        // Its own key, another's (a swapped key), any value, or none.
        bytes: Buffer.from(
          JSON.stringify(
            asObject
              ? {
                  deviceId: device,
                  user: value,
                  department: value,
                  createdAt: value,
                  ...(key < 3 ? { publicKey: [keyFromSeed(device).publicKey, keyFromSeed('another device').publicKey, value][key] } : {}),
                }
              : value,
          ) ?? 'null',
        ),
        what: `device.json of ${device}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(anyValue, fc.nat(3)).map(([value, how]) => {
        const real = { format: 'interdesk-share', major: 1, minor: 0, shareId: 'kept', createdAt: new Date(NOW).toISOString() };
        const shapes = [value, { ...real, minor: value }, { ...real, extra: value }, { ...real, major: 2 }];
        return { kind: 'format' as const, bytes: Buffer.from(JSON.stringify(shapes[how]) ?? ''), what: 'format.json' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(anyValue, { maxLength: 4 }), fc.nat(3), anyValue).map(([entries, how, config]) => {
        const name = `${seg(3)}-mallory.snap`;
        // A snapshot may carry configuration operations: here anything at all.
        const meta = { lines: [['mallory', 1, 3]], people: [], clock: hlc(NOW, 'mallory'), ...(how === 2 ? { config } : {}) };
        const body = Buffer.from(`${JSON.stringify(meta)}\n${entries.map((e) => JSON.stringify(e) ?? 'null').join('\n')}${entries.length ? '\n' : ''}`);
        const header = { interdesk: 'snapshot', v: 1, device: 'mallory', opCount: 3, entries: entries.length };
        const trailer = { count: entries.length, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
        const bytes =
          how === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body, Buffer.from(`${JSON.stringify(trailer)}\n`)]);
        return { kind: 'snapshot' as const, name, bytes, what: 'a snapshot' };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.boolean()).map(([b, named]) => ({
        kind: 'file' as const,
        path: `blobs/${named ? createHash('sha256').update('honest attachment').digest('hex') : 'not-a-hash'}`,
        bytes: Buffer.from(b),
        what: 'a blob',
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('devices/.hidden', 'devices/file-not-folder', 'devices/x/log/.tmp-abc', 'devices/x/log/000000000001.seg.part').map((path) => ({
        kind: 'file' as const,
        path,
        bytes: Buffer.from('not what the name says'),
        what: `a stray file ${path}`,
      })),
    },
  );
  return fc.array(one, { minLength: 1, maxLength: 4 });
};
