import { describe, expect, it } from 'vitest';
import type { TestServices } from '../helpers/services.js';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { inDays, laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();

const told = (m: TestServices) => m.notifications.evaluate().map((n) => [n.kind, n.title]);

describe('dates agreed between the two departments', () => {
  it('Engineering proposes a later date with a reason; Sales is told, accepts, and the request is due then on both sides, with the history and the timeline saying why', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    await sync();
    eng.notifications.evaluate();
    const later = new Date(Date.parse(req.neededBy) + 7 * 86_400_000).toISOString();
    const proposed = await eng.must('proposeDate', { id: req.id, neededBy: later, reason: 'The part ships next week' });
    expect(proposed.proposal).toMatchObject({ neededBy: later, reason: 'The part ships next week', by: 'Engineering' });
    expect(proposed.neededBy).toBe(req.neededBy); // proposed, not imposed
    // The proposer cannot accept its own proposal.
    expect(await eng.call('acceptDate', { id: req.id, proposal: proposed.proposal!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await sync();
    expect(told(sales)).toEqual([['dateProposed', expect.stringMatching(/^Engineering proposes .*: Laptop for Dana$/)]]);

    const agreed = await sales.must('acceptDate', { id: req.id, proposal: proposed.proposal!.id });
    expect([agreed.neededBy, agreed.dueAt, agreed.proposal, agreed.agreed]).toEqual([
      later,
      later,
      undefined,
      expect.objectContaining({ neededBy: later, acceptedBy: 'Sales', proposedBy: 'Engineering', askedFor: req.neededBy, shortNotice: false }),
    ]);
    expect(agreed.history.slice(-2).map((h) => h.kind)).toEqual(['dateProposed', 'dateAccepted']);
    expect(agreed.timeline.at(-1)).toMatchObject({ what: 'Date agreed: Sales accepted Engineering’s proposal', dueAt: later });
    await sync();
    expect(told(eng)).toEqual([['dueChanged', expect.stringMatching(/^Now needed by .*: Laptop for Dana$/)]]);
    const row = (await eng.must('listRequests', { view: 'incoming' })).items[0]!;
    expect([row.neededBy, row.dueAt]).toEqual([later, later]);
  });

  it('a counter replaces the proposal; an answer to a replaced proposal is refused with what to do; a closed request’s date is not proposed', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    await sync();
    const first = (await eng.must('proposeDate', { id: req.id, neededBy: inDays(20), reason: 'Busy month' })).proposal!;
    await sync();
    const counter = (await sales.must('proposeDate', { id: req.id, neededBy: inDays(10), reason: 'The customer visits on the 10th' })).proposal!;
    await sync();
    expect(await eng.call('acceptDate', { id: req.id, proposal: first.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', message: expect.stringContaining('answered or replaced') },
    });
    expect((await eng.must('acceptDate', { id: req.id, proposal: counter.id })).agreed).toMatchObject({ acceptedBy: 'Engineering', proposedBy: 'Sales' });
    expect(await eng.call('proposeDate', { id: req.id, neededBy: inDays(-1), reason: 'Yesterday' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('already passed') },
    });
    await sales.must('changeStatus', { id: req.id, status: 'cancelled', note: 'Bought one' });
    expect(await sales.call('proposeDate', { id: req.id, neededBy: inDays(5), reason: 'Sooner' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition' },
    });
  });

  it('the provider accepts a short-notice request’s date as asked, once, and it is recorded as such', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', {
      toDepartment: 'Engineering',
      typeId: 'feature',
      title: 'Export to CSV',
      details: '',
      neededBy: inDays(2),
      form: { customer: 'Acme' },
    });
    expect(req.shortNotice).toBe(true);
    await sync();
    expect(await sales.call('acceptDate', { id: req.id, proposal: req.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const accepted = await eng.must('acceptDate', { id: req.id, proposal: req.id });
    expect(accepted.agreed).toMatchObject({ neededBy: req.neededBy, acceptedBy: 'Engineering', shortNotice: true });
    expect(accepted.history.at(-1)).toMatchObject({ kind: 'dateAccepted', neededBy: req.neededBy, asked: true });
    expect(await eng.call('acceptDate', { id: req.id, proposal: req.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('a due date that moves', () => {
  it('the requesting side hears when its request falls due on another date (here: a new priority), not when it first sees it', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', { ...laptopRequest('Engineering'), priority: 'P3' });
    await sync();
    expect(told(sales)).toEqual([]);
    const raised = await eng.must('changePriority', { id: req.id, priority: 'P1' });
    await sync();
    expect(told(sales)).toEqual([
      [
        'dueChanged',
        `Now due ${new Date(raised.dueAt).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}: Laptop for Dana`,
      ],
    ]);
  });
});

describe('a pause that ends by itself', () => {
  it('leaves Waiting on us and the tray count when its date comes, and the requesting side is told it resumed', async () => {
    const { sales, eng, sync, clock } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    await sync();
    await eng.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await eng.must('changeStatus', {
      id: req.id,
      status: 'waiting_on_requester',
      note: 'Which model?',
      resumeAt: new Date(clock.now + 3_600_000).toISOString(),
    });
    await sync();
    expect(told(sales)).toEqual([['waitingOnUs', 'Engineering waits on Sales']]);
    expect((await sales.must('listRequests', { view: 'waiting' })).counts.waiting).toBe(1);
    expect(sales.notifications.tray()?.waitingOnUs).toBe(1);
    clock.now += 2 * 3_600_000;
    expect(told(sales)).toEqual([['resumed', 'Resumed by itself: Laptop for Dana']]);
    const waiting = await sales.must('listRequests', { view: 'waiting' });
    expect([waiting.counts.waiting, waiting.items]).toEqual([0, []]);
    expect(sales.notifications.tray()?.waitingOnUs).toBe(0);
  });
});
