import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/core/actor.js';
import { Replica, linksOf, toDetail, toSummary, watchersOf } from '../../shared/model/replica.js';
import { formatHlc, hlcToIso } from '../../shared/ops/hlc.js';
import type { Operation, RequestOperation } from '../../shared/ops/operations.js';

/*
 * Mutants of the fold (shared/model/replica.ts) that no test can kill, because they change nothing
 * anyone can observe (npm run mutate lists them as survivors):
 * - byHlc `a.hlc < b.hlc` → `<=`: only reached when the two differ, where both answer alike.
 * - byHlc's id comparison (`<` → `<=`, and its inner `a.id > b.id ? 1 : 0` made always 1, always 0
 *   or `>=`): every caller asks only `< 0`, for which 1 and 0 are alike, and equal ids are one
 *   operation, never compared with itself.
 * - insertSorted's append shortcut (`|| byHlc(...) < 0` → `<= 0`, the shortcut dropped, or always
 *   taken as false): the binary search after it finds the same place; it is there for speed.
 * - `byHlc(...) < 0` → `<= 0` in the binary search and for the earliest creation: two distinct
 *   operations never compare equal (an id is applied once, and ids are unique).
 * - newer(): `candidate.opId > current.opId` → `>=`: equal ids are the same operation, applied once.
 * - summarize: `olaDueAt < neededBy` → `<=`: on equal dates both sides give the same date.
 */
const ID = '00000000-0000-4000-8000-0000000000d1';
const OTHER = '00000000-0000-4000-8000-0000000000d2';
const sam: Actor = { user: 'Sam', department: 'Sales' };
const eve: Actor = { user: 'Eve', department: 'Engineering' };
const T = Date.parse('2026-11-30T09:00:00Z');

let seq = 0;
/** An operation at T + minutes, from the given actor; ids count up so ties are decided by id. */
function op<O extends RequestOperation>(minutes: number, actor: Actor, type: O['type'], fields: O['fields'], device = 'dev-a'): O {
  seq++;
  return { id: `${device}:${seq}`, hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device }), actor, type, target: ID, fields } as O;
}

/** The operation with its own id, on the one clock value two devices can never write but a test can: ties are broken by id. */
function onOneClock<O extends RequestOperation>(id: string, o: O): O {
  return { ...o, id, hlc: formatHlc({ wall: T + 60_000, counter: 0, device: 'same' }) };
}
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString();

function request(): RequestOperation[] {
  seq = 0;
  return [
    op(0, sam, 'request.create', {
      type: 'Hardware',
      typeId: 'hardware',
      form: { item: 'Laptop' },
      title: 'Laptop for Dana',
      details: 'Starts Monday',
      priority: 'P3',
      neededBy: '2026-12-04T16:00:00.000Z',
      fromDepartment: 'Sales',
      toDepartment: 'Engineering',
      shortNotice: true,
    }),
    op(5, eve, 'request.status', { status: 'acknowledged' }),
    op(6, eve, 'request.priority', { priority: 'P1' }),
    op(7, eve, 'request.assign', { assignee: 'Eve' }),
    op(8, eve, 'request.comment', { body: 'On it' }),
    op(9, eve, 'request.comment', { body: 'Budget checked', internal: true }),
    op(10, sam, 'request.comment', { body: 'Thanks' }),
    op(11, eve, 'request.status', { status: 'waiting_on_requester', note: 'Which model?', resumeAt: '2026-12-02T08:00:00.000Z' }),
    op(12, sam, 'request.watch', { watching: true }),
    op(13, sam, 'request.link', { kind: 'parent', other: OTHER, linked: true }),
    op(14, eve, 'request.attach', { name: 'quote.pdf', size: 1200, sha256: 'a'.repeat(64), mime: 'application/pdf' }),
    op(15, eve, 'request.attach', { name: 'photo.jpg', size: 900, sha256: 'b'.repeat(64), mime: 'image/jpeg' }),
    op(16, eve, 'request.comment', { body: 'Model X it is' }),
  ];
}

/** The same operations, delivered in reverse, twice: the fold must not care. */
function folded(ops: readonly Operation[]): Replica {
  const replica = new Replica();
  for (const o of [...ops].reverse()) replica.apply(o);
  for (const o of ops) expect(replica.apply(o)).toBe(false);
  return replica;
}

describe('a request as the fold shows it', () => {
  it('its page: every field, the conversation apart from the notes, and the whole history in words', () => {
    const rec = folded(request()).get(ID)!;
    const detail = toDetail(rec, null, 'Engineering');
    expect(detail).toMatchObject({
      title: 'Laptop for Dana',
      typeId: 'hardware',
      form: { item: 'Laptop' },
      details: 'Starts Monday',
      priority: 'P1',
      status: 'waiting_on_requester',
      assignee: 'Eve',
      assignedBy: 'Eve',
      requester: 'Sam',
      createdAt: at(0),
      updatedAt: at(16),
      dueAt: '2026-12-04T16:00:00.000Z',
      olaDueAt: null,
      shortNotice: true,
      commentCount: 3,
      lastReplyAt: at(16),
      timeline: [],
      members: [],
      watchers: ['Sam'],
    });
    expect(detail.comments.map((c) => [c.actor.user, c.body, c.at])).toEqual([
      ['Eve', 'On it', at(8)],
      ['Sam', 'Thanks', at(10)],
      ['Eve', 'Model X it is', at(16)],
    ]);
    expect(detail.notes.map((c) => c.body)).toEqual(['Budget checked']);
    expect(detail.links).toEqual([{ kind: 'parent', other: OTHER, key: expect.any(String), title: null, status: null, direction: 'to' }]);
    expect(detail.attachments.map((a) => [a.name, a.size, a.mime, a.at, a.actor.user])).toEqual([
      ['quote.pdf', 1200, 'application/pdf', at(14), 'Eve'],
      ['photo.jpg', 900, 'image/jpeg', at(15), 'Eve'],
    ]);
    // Strict: an entry carries a note or a resume date only where its operation had one.
    expect(detail.history.map(({ id: _id, actor, at: when, ...entry }) => ({ who: actor.user, when, ...entry }))).toStrictEqual([
      { who: 'Sam', when: at(0), kind: 'created' },
      { who: 'Eve', when: at(5), kind: 'status', from: 'new', to: 'acknowledged' },
      { who: 'Eve', when: at(6), kind: 'priority', from: 'P3', to: 'P1' },
      { who: 'Eve', when: at(7), kind: 'assigned', to: 'Eve' },
      { who: 'Eve', when: at(8), kind: 'comment' },
      { who: 'Eve', when: at(9), kind: 'note' },
      { who: 'Sam', when: at(10), kind: 'comment' },
      {
        who: 'Eve',
        when: at(11),
        kind: 'status',
        from: 'acknowledged',
        to: 'waiting_on_requester',
        note: 'Which model?',
        resumeAt: '2026-12-02T08:00:00.000Z',
      },
      { who: 'Sam', when: at(12), kind: 'watch', watching: true },
      { who: 'Sam', when: at(13), kind: 'link', link: 'parent', other: OTHER, linked: true },
      { who: 'Eve', when: at(14), kind: 'attachment', name: 'quote.pdf' },
      { who: 'Eve', when: at(15), kind: 'attachment', name: 'photo.jpg' },
      { who: 'Eve', when: at(16), kind: 'comment' },
    ]);
  });

  it('another department sees neither the notes nor their place in the history; without a viewer (the digest) everything shows', () => {
    const rec = folded(request()).get(ID)!;
    const sales = toDetail(rec, null, 'Sales');
    expect(sales.notes).toEqual([]);
    expect(sales.history.some((h) => h.kind === 'note')).toBe(false);
    expect(sales.history).toHaveLength(12);
    expect(toDetail(rec).notes.map((n) => n.body)).toEqual(['Budget checked']);
  });

  it('a row is due at the earlier of the needed-by date and the OLA target', () => {
    const rec = folded(request()).get(ID)!;
    const clock = { state: 'running', dueAt: null, usedMs: 0, targetMs: 0 } as const;
    const early = { response: clock, resolution: { ...clock, dueAt: '2026-12-01T10:00:00.000Z' } };
    const late = { response: clock, resolution: { ...clock, dueAt: '2026-12-09T10:00:00.000Z' } };
    expect(toSummary(rec, early as never)).toMatchObject({ olaDueAt: '2026-12-01T10:00:00.000Z', dueAt: '2026-12-01T10:00:00.000Z' });
    expect(toSummary(rec, late as never)).toMatchObject({ olaDueAt: '2026-12-09T10:00:00.000Z', dueAt: '2026-12-04T16:00:00.000Z' });
  });

  it('counts only the conversation, and its last reply is the provider’s latest', () => {
    const ops = request().filter((o) => o.type !== 'request.comment' || o.actor === sam);
    const rec = folded(ops).get(ID)!;
    expect(toSummary(rec)).toMatchObject({ commentCount: 1, lastReplyAt: null });
  });
});

/** A fresh replica per delivery order, each given the operations in that order. */
const inEachOrder = (...orders: Operation[][]) =>
  orders.map((order) => {
    const replica = new Replica();
    for (const o of order) replica.apply(o);
    return replica;
  });

/** A plain request to Engineering (Eve's department), created `minutes` after T. */
const created = (minutes: number, title: string) =>
  op(minutes, sam, 'request.create', {
    type: 'A',
    title,
    details: '',
    priority: 'P3',
    neededBy: at(600),
    fromDepartment: 'Sales',
    toDepartment: 'Engineering',
  });

describe('the registers', () => {
  it('the earliest creation stands, whichever arrives first', () => {
    seq = 0;
    const first = created(0, 'First');
    const second = created(1, 'Second');
    for (const replica of inEachOrder([first, second], [second, first])) {
      expect(replica.get(ID)?.create?.fields.title).toBe('First');
      expect(replica.get(ID)?.status?.value).toBe('new');
    }
  });

  it('on the same clock value the higher operation id wins, whatever the order', () => {
    seq = 0;
    const create = created(0, 'T');
    const low = onOneClock('dev-a:50', op(1, eve, 'request.assign', { assignee: 'Ann' }));
    const high = onOneClock('dev-b:50', op(1, eve, 'request.assign', { assignee: 'Bob' }));
    for (const replica of inEachOrder([create, low, high], [create, high, low])) {
      expect(replica.get(ID)?.assignee?.value.to).toBe('Bob');
    }
  });

  it('a request whose creation has not arrived does not exist yet; configuration is not a request', () => {
    seq = 0;
    const replica = new Replica();
    replica.apply(op(3, eve, 'request.comment', { body: 'Early' }));
    expect(replica.get(ID)).toBeUndefined();
    expect([...replica.requests()]).toEqual([]);
    replica.apply({
      id: 'dev-c:1',
      hlc: formatHlc({ wall: T, counter: 0, device: 'dev-c' }),
      actor: eve,
      type: 'config.seed',
      target: 'config',
      fields: { departments: {} },
    });
    expect([...replica.requests()]).toEqual([]);
    expect(replica.config.seeded).toBe(true);
  });

  it('watchers and links keep only what holds now, links in order of kind, then request', () => {
    seq = 0;
    const ops: RequestOperation[] = [
      op(0, sam, 'request.create', { type: 'A', title: 'T', details: '', priority: 'P3', neededBy: at(600), fromDepartment: 'Sales', toDepartment: 'IT' }),
      op(1, sam, 'request.watch', { watching: true }),
      op(2, eve, 'request.watch', { watching: true }),
      op(3, sam, 'request.watch', { watching: false }),
      op(3, { user: 'Ann', department: 'Sales' }, 'request.watch', { watching: true }),
      op(4, sam, 'request.link', { kind: 'parent', other: OTHER, linked: true }),
      op(5, sam, 'request.link', { kind: 'duplicate', other: 'b', linked: true }),
      op(6, sam, 'request.link', { kind: 'duplicate', other: 'a', linked: true }),
      op(7, sam, 'request.link', { kind: 'duplicate', other: 'b', linked: false }),
    ];
    // In the order they were made, so the registers' own order is not already sorted.
    const replica = new Replica();
    for (const o of ops) replica.apply(o);
    const rec = replica.get(ID)!;
    expect(watchersOf(rec)).toEqual(['Ann', 'Eve']);
    expect(linksOf(rec)).toEqual([
      { kind: 'duplicate', other: 'a' },
      { kind: 'parent', other: OTHER },
    ]);
    expect(hlcToIso(rec.ops[rec.ops.length - 1]!.hlc)).toBe(at(7));
  });

  it('an older change loses to a newer one whatever their ids; configuration is applied and answered as such', () => {
    seq = 0;
    const create = created(0, 'T');
    const older = { ...op(2, eve, 'request.assign', { assignee: 'Ann' }), id: 'dev-z:1' };
    const newer = { ...op(5, eve, 'request.assign', { assignee: 'Bob' }), id: 'dev-a:9' };
    for (const replica of inEachOrder([create, older, newer], [create, newer, older])) {
      expect(replica.get(ID)?.assignee?.value.to).toBe('Bob');
      expect(toSummary(replica.get(ID)!).shortNotice).toBe(false);
    }
    const replica = new Replica();
    const seed = {
      id: 'dev-c:1',
      hlc: formatHlc({ wall: T, counter: 0, device: 'dev-c' }),
      actor: eve,
      type: 'config.seed',
      target: 'config',
      fields: { departments: {} },
    } as Operation;
    expect(replica.apply(seed)).toBe(true);
    expect(replica.apply(seed)).toBe(false);
    expect(replica.get('never-heard-of')).toBeUndefined();
  });

  it('a link made later stands against an unlinking made earlier that arrives after it', () => {
    seq = 0;
    const create = created(0, 'T');
    const unlink = op(3, sam, 'request.link', { kind: 'duplicate', other: OTHER, linked: false });
    const link = op(5, sam, 'request.link', { kind: 'duplicate', other: OTHER, linked: true });
    const replica = new Replica();
    for (const o of [create, link, unlink]) replica.apply(o);
    expect(linksOf(replica.get(ID)!)).toEqual([{ kind: 'duplicate', other: OTHER }]);
  });

  it('operations on the same clock value are kept in the order of their ids, however they arrive', () => {
    seq = 0;
    const create = created(0, 'T');
    const second = onOneClock('dev-b:50', op(1, eve, 'request.comment', { body: 'second' }));
    const first = onOneClock('dev-a:50', op(1, eve, 'request.comment', { body: 'first' }));
    const third = onOneClock('dev-c:50', op(1, eve, 'request.comment', { body: 'third' }));
    for (const replica of inEachOrder([create, second, first, third], [third, create, first, second])) {
      expect(toDetail(replica.get(ID)!).comments.map((c) => c.body)).toEqual(['first', 'second', 'third']);
    }
  });
});

describe('the page with its clocks', () => {
  it('carries the clocks and the timeline it was given', () => {
    const rec = folded(request()).get(ID)!;
    const clock = { state: 'running', targetMinutes: 60, remainingMinutes: 30, dueAt: '2026-12-01T10:00:00.000Z', stoppedAt: null } as const;
    const computed = { sla: { response: clock, resolution: clock }, timeline: [{ at: at(0), what: 'Created', dueAt: '2026-12-01T10:00:00.000Z' }] };
    const detail = toDetail(rec, computed, 'Engineering');
    expect(detail.sla).toEqual(computed.sla);
    expect(detail.timeline).toEqual(computed.timeline);
    expect(detail.olaDueAt).toBe('2026-12-01T10:00:00.000Z');
  });
});
