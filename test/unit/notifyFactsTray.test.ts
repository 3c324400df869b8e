import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../shared/model/request.js';
import { unreadableSummary } from '../../shared/model/request.js';
import { factsFor } from '../../shared/notify/facts.js';
import { trayModel } from '../../shared/notify/tray.js';
import { morningFact } from '../../shared/notify/morning.js';
import { weekdays } from '../../shared/sla/calendar.js';
import type { ClockView } from '../../shared/model/requestSla.js';
import { INITIAL_SYNC_STATUS } from '../../shared/core/syncStatus.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const clock = (state: ClockView['state']): ClockView => ({ state, targetMinutes: 240, remainingMinutes: 60, dueAt: null, stoppedAt: null });
let n = 0;
function row(over: Partial<RequestSummary> = {}): RequestSummary {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id,
    key: `K${n}`,
    type: 'General request',
    title: `Request ${n}`,
    priority: 'P3',
    status: 'acknowledged',
    assignee: null,
    assignedBy: null,
    fromDepartment: 'Sales',
    toDepartment: 'Engineering',
    requester: 'Sam',
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
    neededBy: '2026-12-01T16:00:00.000Z',
    olaDueAt: null,
    dueAt: '2026-12-01T16:00:00.000Z',
    shortNotice: false,
    sla: { response: clock('met'), resolution: clock('running') },
    commentCount: 0,
    lastReplyAt: null,
    ...over,
  };
}

describe('facts: what a person may want to hear about', () => {
  it('names each incoming request, each clock at risk or breached, each reply and each finished request of mine', () => {
    const incoming = [row({ status: 'new' }), row({ sla: { response: clock('breached'), resolution: clock('at_risk') } }), row({ status: 'done' })];
    const outgoing = [
      row({ fromDepartment: 'Engineering', toDepartment: 'IT', lastReplyAt: '2026-11-24T09:00:00.000Z' }),
      row({ fromDepartment: 'Engineering', toDepartment: 'IT', status: 'done', requester: 'Eve' }),
      row({ fromDepartment: 'Engineering', toDepartment: 'IT', status: 'done', requester: 'Someone else' }),
    ];
    // When each request of mine falls due is told apart (below).
    const facts = factsFor({ name: 'Eve', department: 'Engineering' }, incoming, outgoing).filter((f) => f.kind !== 'dueChanged');
    const [fresh, late] = incoming;
    const [replied, mine] = outgoing;
    expect(facts.map((f) => f.key)).toEqual([
      `new:${fresh!.id}`,
      `new:${late!.id}`,
      `breach:${late!.id}:response`,
      `risk:${late!.id}:resolution`,
      `reply:${replied!.id}:2026-11-24T09:00:00.000Z`,
      `done:${mine!.id}`,
      `rate:${mine!.id}`,
    ]);
    expect(facts[0]).toMatchObject({ kind: 'newRequest', title: 'New request from Sales', requestId: incoming[0]!.id });
  });

  it('tells the requesting side of a decline with its reason, of each of its requests running late, and of each pause on it', () => {
    const outgoing = [
      row({ status: 'declined', declinedBecause: 'We do not order laptops', sla: { response: clock('met'), resolution: clock('met') } }),
      row({ sla: { response: clock('met'), resolution: clock('at_risk') } }),
      row({ sla: { response: clock('breached'), resolution: clock('running') } }),
      row({ status: 'waiting_on_requester', waiting: { since: '2026-11-24T09:00:00.000Z', businessMinutes: 60 } }),
    ];
    const facts = factsFor({ name: 'Sam', department: 'Sales' }, [], outgoing).filter((f) => f.kind !== 'dueChanged');
    const [declined, risky, late, waiting] = outgoing;
    expect(facts.map((f) => [f.kind, f.key])).toEqual([
      ['declined', `declined:${declined!.id}`],
      ['outgoingLate', `out-risk:${risky!.id}:resolution`],
      ['outgoingLate', `out-breach:${late!.id}:response`],
      ['waitingOnUs', `waiting:${waiting!.id}:2026-11-24T09:00:00.000Z`],
    ]);
    expect(facts[0]).toMatchObject({ title: `Engineering declined: ${declined!.title}`, body: `${declined!.key} · We do not order laptops` });
    expect(facts[1]).toMatchObject({ title: `At risk at Engineering: ${risky!.title}` });
  });

  it('a watched request of other departments: its status and each reply, in its scope; my department’s own are told elsewhere', () => {
    const other = row({ fromDepartment: 'IT', toDepartment: 'HR', status: 'in_progress', lastReplyAt: '2026-11-24T09:30:00.000Z' });
    const fresh = row({ fromDepartment: 'IT', toDepartment: 'HR', status: 'new' });
    const ours = row({ fromDepartment: 'Engineering', toDepartment: 'IT', status: 'done' });
    const facts = factsFor({ name: 'Eve', department: 'Engineering' }, [], [], [other, fresh, ours]);
    expect(facts.map((f) => [f.key, f.kind, f.title, f.scope])).toEqual([
      [`watch-status:${other.id}:in_progress`, 'watched', `In progress: ${other.title}`, `watching:${other.id}`],
      [`watch-reply:${other.id}:2026-11-24T09:30:00.000Z`, 'watched', 'HR replied', `watching:${other.id}`],
      [`watch-status:${fresh.id}:new`, 'watched', `New: ${fresh.title}`, `watching:${fresh.id}`],
    ]);
  });

  it('a request assigned to me by someone else is a fact; one I took myself is not', () => {
    const byEd = row({ assignee: 'Eve', assignedBy: 'Ed' });
    const byMe = row({ assignee: 'Eve', assignedBy: 'Eve' });
    const facts = factsFor({ name: 'Eve', department: 'Engineering' }, [byEd, byMe], []).filter((f) => f.kind === 'assigned');
    expect(facts).toEqual([
      { key: `assigned:${byEd.id}:Ed`, kind: 'assigned', requestId: byEd.id, title: 'Ed assigned you a request', body: `${byEd.title} (${byEd.key})` },
    ]);
  });

  it('a new reply is a new fact; the same reply read again is the same fact', () => {
    const r = row({ lastReplyAt: '2026-11-24T09:00:00.000Z' });
    const replies = (rows: RequestSummary[]) => factsFor({ name: 'Sam', department: 'Sales' }, [], rows).filter((f) => f.kind === 'reply');
    const a = replies([r]);
    const b = replies([{ ...r }]);
    const c = replies([{ ...r, lastReplyAt: '2026-11-24T09:30:00.000Z' }]);
    expect(b[0]!.key).toBe(a[0]!.key);
    expect(c[0]!.key).not.toBe(a[0]!.key);
  });
});

describe('when a request of mine falls due', () => {
  const due = (r: RequestSummary) => factsFor({ name: 'Sam', department: 'Sales' }, [], [r]).filter((f) => f.kind === 'dueChanged');
  it('is one fact per due date, in the request’s scope (its first sight is the baseline); a new date is a new fact', () => {
    const r = row();
    const [first] = due(r);
    expect(first).toMatchObject({ key: `due:${r.id}:${r.dueAt}`, scope: `due:${r.id}`, body: `${r.key} · at Engineering` });
    expect(due({ ...r, dueAt: '2026-12-03T16:00:00.000Z' })[0]!.key).not.toBe(first!.key);
  });
  it('says when the date is the one agreed, and is silent while the request waits on us or is closed', () => {
    const agreed = row({
      dueAt: '2026-12-09T16:00:00.000Z',
      agreed: {
        neededBy: '2026-12-09T16:00:00.000Z',
        at: NOW.toISOString(),
        acceptedBy: 'Sales',
        proposedBy: 'Engineering',
        shortNotice: false,
        askedFor: '2026-12-01T16:00:00.000Z',
      },
    });
    expect(due(agreed)[0]!.body).toBe(`${agreed.key} · the date agreed with Engineering`);
    expect(due(row({ status: 'waiting_on_requester' }))).toEqual([]);
    expect(due(row({ status: 'done' }))).toEqual([]);
  });
});

describe('facts from rows that could not be read', () => {
  it('announce nothing: the queue row says what is wrong, a notification would only repeat a placeholder', () => {
    const bad = unreadableSummary('00000000-0000-4000-8000-0000000000bb', 'Invalid time value');
    const watched = { ...bad, fromDepartment: 'Sales', toDepartment: 'IT' };
    expect(factsFor({ name: 'Eve', department: 'Engineering' }, [bad], [bad], [watched])).toEqual([]);
  });
});

describe('the tray model', () => {
  it('counts what needs the department, and lists the most urgent first: overdue, at risk, new, then by due date', () => {
    const rows = [
      row({ status: 'new', dueAt: '2026-11-30T16:00:00.000Z', title: 'Fresh' }),
      row({ dueAt: '2026-11-25T16:00:00.000Z', title: 'Running' }),
      row({ sla: { response: clock('met'), resolution: clock('at_risk') }, title: 'Risky' }),
      row({ dueAt: '2026-11-23T16:00:00.000Z', title: 'Late' }),
      row({ status: 'done', title: 'Closed' }),
    ];
    const model = trayModel({
      department: 'Engineering',
      incoming: rows,
      sync: { ...INITIAL_SYNC_STATUS, state: 'synced', lastSyncAt: '2026-11-24T09:58:00.000Z' },
      pausedUntil: null,
      now: NOW,
    });
    expect(model.tooltip).toBe('Engineering: 1 new, 1 at risk, 1 overdue');
    expect(model.attention).toBe(true);
    expect(model.urgent.map((u) => u.label.split(' — ')[0]!.split(' · ')[1])).toEqual(['Late', 'Risky', 'Fresh', 'Running']);
    expect(model.syncLabel).toMatch(/^Sync now \(last at \d\d:58\)$/);
    expect(model.pausedLabel).toBeNull();
  });

  it('is calm when nothing waits, and says when notifications are paused', () => {
    const model = trayModel({ department: 'HR', incoming: [], sync: null, pausedUntil: '2026-11-24T11:00:00.000Z', now: NOW });
    expect(model).toMatchObject({ tooltip: 'HR: nothing waiting', attention: false, urgent: [], syncLabel: 'Sync now' });
    expect(model.pausedLabel).toMatch(/^Notifications paused until \d\d:00$/);
  });

  it('counts requests to join waiting for this person, which need attention on their own', () => {
    const model = trayModel({ department: 'HR', incoming: [], sync: null, pausedUntil: null, now: NOW, joinRequests: 2 });
    expect(model).toMatchObject({ tooltip: 'HR: 2 asking to join', attention: true, joinRequests: 2 });
  });

  it('lists at most five', () => {
    const model = trayModel({ department: 'IT', incoming: Array.from({ length: 9 }, () => row({ status: 'new' })), sync: null, pausedUntil: null, now: NOW });
    expect(model.urgent).toHaveLength(5);
  });
});

describe('a lead’s morning summary', () => {
  // Mon–Fri 08:00–17:00 in Berlin; Monday 30 November 2026, 09:00 local.
  const cal = { timeZone: 'Europe/Berlin', week: weekdays('08:00-17:00'), closures: [] };
  const monday = new Date('2026-11-30T08:00:00Z');
  const breached = (over: Partial<ClockView>): ClockView => ({ ...clock('breached'), remainingMinutes: -60, ...over });
  const fellFriday = row({ title: 'Fell overdue on Friday', sla: { response: clock('met'), resolution: breached({ dueAt: '2026-11-27T14:00:00.000Z' }) } });
  const closedLateFriday = row({
    title: 'Done late on Friday',
    status: 'done',
    sla: { response: breached({ stoppedAt: '2026-11-27T15:00:00.000Z' }), resolution: clock('met') },
  });
  const longOverdue = row({ title: 'Overdue for weeks', sla: { response: clock('met'), resolution: breached({ dueAt: '2026-11-02T10:00:00.000Z' }) } });
  const fine = row({ title: 'On time' });

  it('says once a business day what breached on the last working day and what is overdue now, in the lead’s hours', () => {
    expect(morningFact('Engineering', [fellFriday, closedLateFriday, longOverdue, fine], cal, monday)).toEqual({
      key: 'morning:Engineering:2026-11-30',
      kind: 'morningSummary',
      requestId: '',
      title: 'Engineering this morning: 2 breached on Friday, 2 overdue now',
      body: `${fellFriday.key} Fell overdue on Friday; ${longOverdue.key} Overdue for weeks; ${closedLateFriday.key} Done late on Friday`,
    });
    const tuesday = new Date('2026-12-01T08:00:00Z');
    expect(morningFact('Engineering', [fellFriday], cal, tuesday)?.title).toBe('Engineering this morning: 0 breached yesterday, 1 overdue now');
  });

  it('is silent outside working hours and when nothing breached', () => {
    expect(morningFact('Engineering', [fellFriday], cal, new Date('2026-11-29T10:00:00Z'))).toBeNull(); // a Sunday
    expect(morningFact('Engineering', [fine], cal, monday)).toBeNull();
  });
});
