import { describe, expect, it } from 'vitest';
import type { QueueFilterValues } from '../../shared/model/queueNarrowing.js';
import { UNASSIGNED, narrowQueue, patchRows, queueOrder } from '../../shared/model/queueNarrowing.js';
import type { RequestSummary } from '../../shared/model/request.js';
import { NO_FILTERS } from '../../renderer/src/state/filters.js';

const ANY: QueueFilterValues = NO_FILTERS;

// Wednesday 2 December 2026, 10:00 Berlin (the suite runs in Europe/Berlin).
const NOW = new Date('2026-12-02T09:00:00Z');

function row(id: string, over: Partial<RequestSummary> = {}): RequestSummary {
  return {
    id,
    key: id.toUpperCase(),
    type: 'General request',
    title: `Request ${id}`,
    priority: 'P3',
    status: 'new',
    assignee: null,
    assignedBy: null,
    fromDepartment: 'Sales',
    toDepartment: 'IT',
    requester: 'Sam',
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    neededBy: '2026-12-10T16:00:00.000Z',
    olaDueAt: null,
    dueAt: '2026-12-10T16:00:00.000Z',
    shortNotice: false,
    sla: null,
    commentCount: 0,
    lastReplyAt: null,
    ...over,
  };
}

const ids = (rows: readonly RequestSummary[]) => rows.map((r) => r.id);

describe('queueOrder', () => {
  it('open first by due date (the oldest first on equal dates, then by id), closed after by last change', () => {
    const rows = [
      row('closed-old', { status: 'done', updatedAt: '2026-11-01T00:00:00.000Z' }),
      row('b', { dueAt: '2026-12-03T08:00:00.000Z', createdAt: '2026-12-01T09:00:00.000Z' }),
      row('closed-new', { status: 'declined', updatedAt: '2026-12-01T00:00:00.000Z' }),
      row('a', { dueAt: '2026-12-03T08:00:00.000Z', createdAt: '2026-12-01T09:00:00.000Z' }),
      row('old', { dueAt: '2026-12-03T08:00:00.000Z', createdAt: '2026-11-30T09:00:00.000Z' }),
      row('soon', { dueAt: '2026-12-02T12:00:00.000Z' }),
      row('closed-tie', { status: 'done', updatedAt: '2026-12-01T00:00:00.000Z' }),
    ];
    expect(ids([...rows].sort(queueOrder))).toEqual(['soon', 'old', 'a', 'b', 'closed-new', 'closed-tie', 'closed-old']);
  });

  it('a patch replaces the named rows with what the view holds of them now, in order', () => {
    const items = [
      row('a', { dueAt: '2026-12-03T00:00:00.000Z' }),
      row('b', { dueAt: '2026-12-04T00:00:00.000Z' }),
      row('c', { dueAt: '2026-12-05T00:00:00.000Z' }),
    ];
    const patched = patchRows(items, ['a', 'c'], [row('c', { dueAt: '2026-12-02T00:00:00.000Z' })]);
    expect(ids(patched)).toEqual(['c', 'b']);
    expect(patched[0]!.dueAt).toBe('2026-12-02T00:00:00.000Z');
  });
});

describe('narrowQueue', () => {
  const rows = [
    row('p1', { priority: 'P1', title: 'Server down', assignee: 'Eve', status: 'in_progress', dueAt: '2026-12-02T08:00:00.000Z' }),
    row('p2', { priority: 'P2', title: 'New laptop', fromDepartment: 'HR', shortNotice: true, dueAt: '2026-12-02T20:00:00.000Z' }),
    row('p4', { priority: 'P4', title: 'Chair', toDepartment: 'Facilities', dueAt: '2026-12-06T20:00:00.000Z', createdAt: '2026-11-20T00:00:00.000Z' }),
    row('done', { status: 'done', dueAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-02T08:00:00.000Z' }),
    row('later', { dueAt: '2026-12-20T00:00:00.000Z', requester: 'Dana' }),
  ];
  const narrow = (f: Partial<QueueFilterValues>, query = '', found: ReadonlySet<string> | null = null) =>
    ids(narrowQueue(rows, query, { ...ANY, ...f }, NOW, found));

  it('keeps everything, in the list’s own order, without filters or words', () => {
    expect(narrow({})).toEqual(ids(rows));
  });

  it('by status, priority, short notice and either department', () => {
    expect(narrow({ status: 'in_progress' })).toEqual(['p1']);
    expect(narrow({ priority: 'P2' })).toEqual(['p2']);
    expect(narrow({ shortNotice: true })).toEqual(['p2']);
    expect(narrow({ fromDepartment: 'HR' })).toEqual(['p2']);
    expect(narrow({ toDepartment: 'Facilities' })).toEqual(['p4']);
  });

  it('by assignee: a person, or nobody', () => {
    expect(narrow({ assignee: 'Eve' })).toEqual(['p1']);
    expect(narrow({ assignee: UNASSIGNED })).toEqual(['p2', 'p4', 'done', 'later']);
  });

  it('by due window, open requests only: overdue now, due by the end of today, by the end of Sunday', () => {
    expect(narrow({ due: 'overdue' })).toEqual(['p1']);
    expect(narrow({ due: 'today' })).toEqual(['p1', 'p2']);
    expect(narrow({ due: 'week' })).toEqual(['p1', 'p2', 'p4']);
  });

  it('every word must be in the row’s text, whatever its case, unless main found the request by its details', () => {
    expect(narrow({}, '  LAPTOP  ')).toEqual(['p2']);
    expect(narrow({}, 'new laptop hr')).toEqual(['p2']);
    expect(narrow({}, 'laptop chair')).toEqual([]);
    expect(narrow({}, 'dana')).toEqual(['later']);
    expect(narrow({}, 'eve server')).toEqual(['p1']);
    expect(narrow({}, 'P4'.toLowerCase())).toEqual(['p4']);
    expect(narrow({}, 'invoice', new Set(['p4']))).toEqual(['p4']);
  });

  it('sorts by priority (then due), by age, or by last change', () => {
    expect(narrow({ sort: 'priority' })).toEqual(['p1', 'p2', 'done', 'later', 'p4']);
    expect(narrow({ sort: 'age' })).toEqual(['p4', 'p1', 'p2', 'done', 'later']);
    expect(narrow({ sort: 'updated' })).toEqual(['done', 'p1', 'p2', 'p4', 'later']);
  });
});
