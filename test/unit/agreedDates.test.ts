import { describe, expect, it } from 'vitest';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { agreementOf } from '../../shared/model/agreedDates.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { Replica, toSummary } from '../../shared/model/replica.js';
import { requestSla } from '../../shared/model/requestSla.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { CreateRequestOp, RequestOperation } from '../../shared/ops/operations.js';

const ID = '00000000-0000-4000-8000-0000000000d1';
// Monday 30 November 2026, 09:00 in Berlin.
const CREATED = Date.parse('2026-11-30T08:00:00Z');
const SALES = { user: 'Sam', department: 'Sales' };
const IT = { user: 'Ian', department: 'IT' };
const ASKED = '2026-12-24T16:00:00.000Z';

type Step = [minutes: number, actor: typeof SALES, type: RequestOperation['type'], fields: object];

function ops(...later: Step[]): RequestOperation[] {
  const steps: Step[] = [
    [0, SALES, 'request.create', { type: 'General', title: 'VPN', details: '', priority: 'P3', neededBy: ASKED, fromDepartment: 'Sales', toDepartment: 'IT' }],
    ...later,
  ];
  return steps.map(
    ([minutes, actor, type, fields], i) =>
      ({
        id: `d:${i + 1}`,
        hlc: formatHlc({ wall: CREATED + minutes * 60_000, counter: 0, device: 'd' }),
        actor,
        type,
        target: ID,
        fields,
      }) as RequestOperation,
  );
}

/** The same operations folded by the queue index, in the order given (which may not be clock order). */
function indexed(list: RequestOperation[]) {
  const index = new QueueIndex();
  list.forEach((op, i) => index.apply(op, i));
  return index.get(ID)!;
}

const propose = (minutes: number, by: typeof SALES, neededBy: string, reason = 'Parts come later'): Step => [
  minutes,
  by,
  'request.proposeDate',
  { neededBy, reason },
];
const accept = (minutes: number, by: typeof SALES, proposal: string): Step => [minutes, by, 'request.acceptDate', { proposal }];

describe('dates agreed, not imposed', () => {
  it('a proposal stands until the other department accepts it; then it is the date the request is needed by, and due by', () => {
    const proposed = ops(propose(60, IT, '2027-01-08T16:00:00.000Z'));
    const e = indexed(proposed);
    expect(agreementOf(e.create!, e.dates)).toEqual({
      agreed: null,
      pending: { id: 'd:2', neededBy: '2027-01-08T16:00:00.000Z', reason: 'Parts come later', by: 'IT', at: '2026-11-30T09:00:00.000Z' },
    });
    const done = indexed(ops(propose(60, IT, '2027-01-08T16:00:00.000Z'), accept(90, SALES, 'd:2')));
    const a = agreementOf(done.create!, done.dates);
    expect(a).toEqual({
      agreed: { neededBy: '2027-01-08T16:00:00.000Z', at: '2026-11-30T09:30:00.000Z', acceptedBy: 'Sales', proposedBy: 'IT', shortNotice: false },
      pending: null,
    });
    const replica = new Replica();
    for (const op of ops(propose(60, IT, '2027-01-08T16:00:00.000Z'), accept(90, SALES, 'd:2'))) replica.apply(op);
    const row = toSummary(replica.get(ID)!);
    expect([row.neededBy, row.dueAt, row.agreed?.askedFor, row.proposal]).toEqual(['2027-01-08T16:00:00.000Z', '2027-01-08T16:00:00.000Z', ASKED, undefined]);
  });

  it.each<[string, Step[]]>([
    ['accepted by the department that proposed it', [propose(60, IT, '2027-01-08T16:00:00.000Z'), accept(90, IT, 'd:2')]],
    ['accepting a proposal nobody made', [accept(90, SALES, 'd:9')]],
    ['an acceptance dated before the proposal it accepts', [propose(60, IT, '2027-01-08T16:00:00.000Z'), accept(30, SALES, 'd:2')]],
    ['the requester accepting its own creation', [accept(30, SALES, 'd:1')]],
  ])('nothing is agreed when a date is %s', (_, steps) => {
    const e = indexed(ops(...steps));
    expect(agreementOf(e.create!, e.dates).agreed).toBeNull();
  });

  it('a counter replaces the pending proposal; the latest acceptance is the date, in whatever order the changes arrive', () => {
    const list = ops(
      propose(60, IT, '2027-01-08T16:00:00.000Z'),
      propose(70, SALES, '2026-12-30T16:00:00.000Z', 'The customer cannot wait that long'),
      accept(80, IT, 'd:3'),
      propose(100, IT, '2027-01-04T16:00:00.000Z', 'Stock ran out'),
    );
    const forwards = indexed(list);
    const backwards = indexed([...list].reverse());
    for (const e of [forwards, backwards])
      expect(agreementOf(e.create!, e.dates)).toMatchObject({
        agreed: { neededBy: '2026-12-30T16:00:00.000Z', acceptedBy: 'IT', proposedBy: 'Sales' },
        pending: { id: 'd:5', neededBy: '2027-01-04T16:00:00.000Z', by: 'IT' },
      });
  });

  it('the provider accepting a short-notice request’s own date is recorded as such', () => {
    const list = ops(accept(20, IT, 'd:1'));
    (list[0] as CreateRequestOp).fields.shortNotice = true;
    const e = indexed(list);
    expect(agreementOf(e.create!, e.dates).agreed).toMatchObject({ neededBy: ASKED, acceptedBy: 'IT', proposedBy: 'Sales', shortNotice: true });
    const timeline = requestSla(e.create!, e, defaultDepartmentConfig('IT', 'Europe/Berlin'), new Date(CREATED + 60 * 60_000))!.timeline;
    expect(timeline.map((t) => t.what)).toContain('IT accepted the short-notice date Sales asked for');
  });

  it('the agreed date drives the resolution clock and the “why is it due then” timeline; a later priority change leaves it', () => {
    const it_ = defaultDepartmentConfig('IT', 'Europe/Berlin');
    const e = indexed(ops(propose(60, IT, '2026-12-14T16:00:00.000Z'), accept(120, SALES, 'd:2'), [180, IT, 'request.priority', { priority: 'P1' }]));
    const computed = requestSla(e.create!, e, it_, new Date(CREATED + 240 * 60_000))!;
    expect(computed.sla.resolution.dueAt).toBe('2026-12-14T16:00:00.000Z');
    expect(computed.timeline.find((t) => t.what.startsWith('Date agreed'))).toEqual({
      at: '2026-11-30T10:00:00.000Z',
      what: 'Date agreed: Sales accepted IT’s proposal',
      dueAt: '2026-12-14T16:00:00.000Z',
    });
    // Without the agreement, the policy's three working days for P3 hold (and P1's after the change).
    const plain = indexed(ops(propose(60, IT, '2026-12-14T16:00:00.000Z')));
    expect(requestSla(plain.create!, plain, it_, new Date(CREATED + 240 * 60_000))!.sla.resolution.dueAt).not.toBe('2026-12-14T16:00:00.000Z');
  });
});
