import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import { officeOf } from '../helpers/office.js';
import { ALWAYS } from '../helpers/salesAndEngineering.js';
import { undoAfterEach } from '../helpers/undo.js';

/** Hand-overs between providing departments, through the real services and a real share (docs/sync.md §Transfers). */
const { office: officeWith, sync } = officeOf(undoAfterEach());

/**
 * Sam (Sales), Eve (Engineering) and Ian (IT), admitted, on one share; every department working
 * around the clock, so what each is told does not wait for its office hours, whenever a test runs.
 */
async function office() {
  const {
    share,
    sam,
    others: [eve, ian],
  } = await officeWith(['Eve', 'Engineering'], ['Ian', 'IT']);
  for (const department of ['Sales', 'Engineering', 'IT']) await sam.must('saveDepartmentConfig', { department, section: 'calendar', value: ALWAYS });
  await sync(sam, eve!, ian!);
  for (const m of [sam, eve!, ian!]) m.notifications.evaluate();
  return { share, sam, eve: eve!, ian: ian! };
}

describe('handing a request over', () => {
  it('Engineering hands a request to IT: IT’s type and service levels apply from then on, it is new in IT’s queue, gone from Engineering’s, and everyone sees the hand-over', async () => {
    const { sam, eve, ian } = await office();
    const req = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve, ian);
    await eve.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await eve.must('addComment', { id: req.id, body: 'This is for IT, passing it on.' });
    const moved = await eve.must('transferRequest', { id: req.id, toDepartment: 'IT', typeId: 'hardware', note: 'Laptops are IT’s' });
    expect([moved.toDepartment, moved.type, moved.typeId, moved.status, moved.handedOver?.from]).toEqual(['IT', 'Hardware', 'hardware', 'new', 'Engineering']);
    expect(moved.history.at(-1)).toMatchObject({ kind: 'transferred', to: 'IT', type: 'Hardware', note: 'Laptops are IT’s' });
    // The receiving department's clocks start at the hand-over: Engineering's reply is no first response for IT.
    expect(moved.sla?.response.state).not.toBe('met');
    expect(moved.timeline[0]?.what).toMatch(/^Handed over by Engineering to IT as P2/);
    // Engineering can no longer change its status; IT can.
    expect(await eve.call('changeStatus', { id: req.id, status: 'in_progress' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await sync(sam, eve, ian);
    expect((await ian.must('listRequests', { view: 'incoming' })).items.map((r) => [r.title, r.status])).toEqual([['Laptop for Dana', 'new']]);
    expect((await eve.must('listRequests', { view: 'incoming' })).items).toEqual([]);
    expect(ian.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest', title: 'Engineering handed over a request from Sales' })]);
    expect(sam.notifications.evaluate()).toContainEqual(expect.objectContaining({ kind: 'dueChanged', title: 'Handed over to IT: Laptop for Dana' }));
    await ian.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await sync(sam, eve, ian);
    expect((await sam.must('getRequest', { id: req.id })).sla?.response.state).toBe('met');
  });

  it('a change Engineering writes after its hand-over does not count, on every machine, whatever order the files arrive in', async () => {
    const { sam, eve, ian } = await office();
    const req = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve, ian);
    await eve.must('transferRequest', { id: req.id, toDepartment: 'IT', typeId: 'hardware' });
    // Written anyway, as a machine that missed the hand-over would.
    eve.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'request.status', target: req.id, fields: { status: 'done' } });
    eve.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'request.priority', target: req.id, fields: { priority: 'P4' } });
    await sync(eve, ian, sam);
    for (const m of [sam, eve, ian]) expect((await m.must('getRequest', { id: req.id })).status).toBe('new');
    for (const m of [sam, eve, ian]) expect((await m.must('getRequest', { id: req.id })).priority).toBe('P2');
    const refused = (await sam.must('getPeople', {})).refused.map((r) => r.why);
    expect(refused).toEqual(expect.arrayContaining(['only IT, the providing department, may make this change']));
  });

  it('refuses what a hand-over cannot be, saying what to do instead', async () => {
    const { sam, eve } = await office();
    const req = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve);
    expect(await sam.call('transferRequest', { id: req.id, toDepartment: 'IT', typeId: 'hardware' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const [input, message] of [
      [{ toDepartment: 'Engineering', typeId: 'general' }, /has the request already/],
      [{ toDepartment: 'Sales', typeId: 'general' }, /decline it with the reason/],
      [{ toDepartment: 'IT', typeId: 'espresso' }, /IT has no request type “espresso”/],
    ] as const)
      expect(await eve.call('transferRequest', { id: req.id, ...input })).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
  });
});
