import fc from 'fast-check';
import { canonicalState } from '../../shared/model/canonical.js';
import { HlcClock } from '../../shared/model/hlc.js';
import type { Operation } from '../../shared/model/operations.js';
import { Replica } from '../../shared/model/replica.js';
import { STATUSES } from '../../shared/model/request.js';
import { allowedTransitions } from '../../shared/model/status.js';

/**
 * A model of the whole system: devices that act on what they have seen, write batches
 * (segments) to a share, and read them back in any order, duplicated, delayed, or not at all
 * while partitioned. After the network heals, every replica must hold the same state.
 */
interface Device {
  id: string;
  department: string;
  replica: Replica;
  clock: HlcClock;
  seq: number;
  outbox: Operation[];
}

type Step =
  | { kind: 'create'; device: number }
  | { kind: 'status'; device: number; pick: number; to: number }
  | { kind: 'comment'; device: number; pick: number }
  | { kind: 'flush'; device: number }
  | { kind: 'deliver'; device: number; segment: number; times: number }
  | { kind: 'tick'; ms: number };

const DEPARTMENTS = ['Sales', 'Engineering', 'IT'];

function simulate(deviceCount: number, steps: Step[], partitioned: boolean[]): string[] {
  let wall = Date.UTC(2026, 10, 23, 8);
  const devices: Device[] = Array.from({ length: deviceCount }, (_, i) => ({
    id: `dev${i}`,
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    replica: new Replica(),
    clock: new HlcClock(`dev${i}`, () => wall),
    seq: 0,
    outbox: [],
  }));
  const segments: Operation[][] = [];
  let requests = 0;

  const commit = (d: Device, op: Omit<Operation, 'id' | 'hlc' | 'actor'>) => {
    const full = { ...op, id: `${d.id}:${++d.seq}`, hlc: d.clock.now(), actor: { user: d.id, department: d.department } } as Operation;
    d.replica.apply(full);
    d.outbox.push(full);
  };
  const receive = (d: Device, ops: Operation[]) => {
    for (const op of ops) {
      d.clock.observe(op.hlc);
      d.replica.apply(op);
    }
  };

  for (const step of steps) {
    if (step.kind === 'tick') {
      wall += step.ms;
      continue;
    }
    const d = devices[step.device % deviceCount]!;
    const known = [...d.replica.requests()];
    switch (step.kind) {
      case 'create': {
        const to = DEPARTMENTS.find((x) => x !== d.department)!;
        const target = `req-${++requests}`;
        commit(d, {
          type: 'request.create',
          target,
          fields: { type: 'T', title: target, details: '', priority: 'P3', neededBy: '2026-12-01T16:00:00.000Z', fromDepartment: d.department, toDepartment: to },
        } as Operation);
        break;
      }
      case 'status': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (!rec) break;
        const side = rec.create!.fields.toDepartment === d.department ? 'provider' : rec.create!.fields.fromDepartment === d.department ? 'requester' : null;
        const moves = side ? allowedTransitions(rec.status!.value, side) : [];
        const to = moves[step.to % Math.max(1, moves.length)] ?? STATUSES[step.to % STATUSES.length]!;
        commit(d, { type: 'request.status', target: rec.id, fields: { status: to } } as Operation);
        break;
      }
      case 'comment': {
        const rec = known[step.pick % Math.max(1, known.length)];
        if (rec) commit(d, { type: 'request.comment', target: rec.id, fields: { body: `from ${d.id}` } } as Operation);
        break;
      }
      case 'flush':
        if (d.outbox.length) segments.push(d.outbox.splice(0));
        break;
      case 'deliver': {
        // A partitioned device sees nothing until the heal; others get any segment, in any order, maybe twice.
        if (partitioned[step.device % deviceCount] || segments.length === 0) break;
        for (let t = 0; t < step.times; t++) receive(d, segments[step.segment % segments.length]!);
        break;
      }
    }
  }
  // Heal: every outbox is flushed and every device reads every segment.
  for (const d of devices) if (d.outbox.length) segments.push(d.outbox.splice(0));
  for (const d of devices) for (const seg of segments) receive(d, seg);
  return devices.map((d) => canonicalState(d.replica));
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('status' as const), device: fc.nat(7), pick: fc.nat(20), to: fc.nat(6) }),
  fc.record({ kind: fc.constant('comment' as const), device: fc.nat(7), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('flush' as const), device: fc.nat(7) }),
  fc.record({ kind: fc.constant('deliver' as const), device: fc.nat(7), segment: fc.nat(50), times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: -5_000, max: 60_000 }) }),
);

export const convergenceProperty = fc.property(
  fc.integer({ min: 2, max: 8 }),
  fc.array(step, { minLength: 1, maxLength: 120 }),
  fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  (devices, steps, partitioned) => {
    const states = simulate(devices, steps, partitioned);
    return states.every((s) => s === states[0]);
  },
);

