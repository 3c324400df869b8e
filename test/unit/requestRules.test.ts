import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/core/actor.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica } from '../../shared/model/replica.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { RequestOperation } from '../../shared/ops/operations.js';

/** The rules of who may change a request, as both folds apply them, whatever the order operations arrive in. */
const ID = '00000000-0000-4000-8000-0000000000e1';
const T = Date.parse('2026-11-30T09:00:00Z');
const sam: Actor = { user: 'Sam', department: 'Sales' };
const ivy: Actor = { user: 'Ivy', department: 'IT' };
const hal: Actor = { user: 'Hal', department: 'HR' };
let seq = 0;
function op<O extends RequestOperation>(minutes: number, actor: Actor, type: O['type'], fields: O['fields']): O {
  seq++;
  return {
    id: `dev-${actor.user}:${seq}`,
    hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device: `dev-${actor.user}` }),
    actor,
    type,
    target: ID,
    fields,
  } as O;
}
const create = (actor = sam, from = 'Sales') =>
  op(0, actor, 'request.create', {
    type: 'A',
    title: 'Laptop',
    details: '',
    priority: 'P3',
    neededBy: '2026-12-10T16:00:00.000Z',
    fromDepartment: from,
    toDepartment: 'IT',
  });

/** Both folds, fed in this order (the index as FoldedState drives it: stale requests folded again from what is held). */
function fold(ops: RequestOperation[]) {
  const replica = new Replica();
  const index = new QueueIndex();
  ops.forEach((o, line) => {
    replica.apply(o);
    index.apply(o, line);
    for (const id of [...index.stale])
      index.refold(
        id,
        ops
          .slice(0, line + 1)
          .map((held, at) => ({ op: held, line: at }))
          .filter((h) => h.op.target === id),
      );
  });
  return { rec: replica.get(ID), entry: index.get(ID), replica, index };
}

describe('who may change a request, decided where it is folded', () => {
  const cases: [string, () => RequestOperation[], (r: ReturnType<typeof fold>) => void][] = [
    [
      'the requesting department cannot acknowledge, prioritise or assign its own request',
      () => [
        create(),
        op(1, sam, 'request.status', { status: 'done' }),
        op(2, sam, 'request.priority', { priority: 'P1' }),
        op(3, sam, 'request.assign', { assignee: 'Sam' }),
      ],
      ({ rec, entry }) => {
        for (const r of [rec!, entry!]) {
          expect(r.status!.value).toBe('new');
          expect(r.priority).toBeNull();
          expect(r.assignee).toBeNull();
        }
      },
    ],
    [
      'the providing department cannot cancel; the requesting one can',
      () => [create(), op(1, ivy, 'request.status', { status: 'cancelled' }), op(2, sam, 'request.status', { status: 'cancelled' })],
      ({ rec, entry }) => {
        expect(rec!.status!.opId).toBe(entry!.status!.opId);
        expect(entry!.status!.value).toBe('cancelled');
        expect(entry!.status!.opId).toMatch(/^dev-Sam:/);
      },
    ],
    [
      'a third department takes no part: its reply and its link are passed over, its watching is not',
      () => [create(), op(1, hal, 'request.comment', { body: 'Hi' }), op(2, hal, 'request.watch', { watching: true })],
      ({ rec, entry, index }) => {
        expect(rec!.comments).toEqual([]);
        expect(entry!.commentCount).toBe(0);
        expect(Object.keys(entry!.watchers ?? {})).toEqual(['Hal']);
        expect([...index.refusals.values()].map((r) => r.why)).toEqual(['only Sales and IT take part in this request']);
      },
    ],
    [
      'only the requesting department writes a chain on its request: the provider’s, arriving first or last, is passed over',
      () => {
        const chain = (by: Actor, name: string, minutes: number) =>
          op(minutes, by, 'request.chain', {
            template: 'visit',
            name,
            anchor: '2026-12-10',
            steps: [{ step: 'spec', request: '00000000-0000-4000-8000-0000000000e2', department: 'IT', title: 'Spec', waitsFor: [] }],
          });
        return [chain(ivy, 'By IT', 2), create(), chain(sam, 'By Sales', 1)];
      },
      ({ rec, entry }) => {
        for (const r of [rec!, entry!]) expect(r.chain?.value.name).toBe('By Sales');
      },
    ],
    [
      'a creation in another department’s name does not make a request',
      () => [create(hal, 'Sales')],
      ({ rec, entry }) => {
        expect(rec).toBeUndefined();
        expect(entry).toBeUndefined();
      },
    ],
  ];

  it.each(cases)('%s (and so the history does not show it)', (_what, ops, check) => {
    seq = 0;
    const all = ops();
    check(fold(all));
    // The same set, the creation last: changes folded before it are judged once it comes.
    seq = 0;
    const [first, ...rest] = ops();
    const late = fold([...rest, first!]);
    check(late);
    expect(late.index.stale.size).toBe(0);
  });

  it('a refused change is listed for admins with who, when and why, and not counted in the request’s history', () => {
    seq = 0;
    const forged = op(1, sam, 'request.status', { status: 'done' });
    const { rec, index } = fold([create(), forged]);
    expect(rec!.ops.map((o) => o.type)).toEqual(['request.create']);
    expect(index.refusals.get(forged.id)).toEqual({
      id: forged.id,
      hlc: forged.hlc,
      actor: sam,
      type: 'request.status',
      target: ID,
      why: 'only IT, the providing department, may make this change',
    });
  });
});
