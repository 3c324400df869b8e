import { describe, expect, it } from 'vitest';
import { defaultServicePage } from '../../shared/config/servicePage.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();

const DAY = 86_400_000;

describe('reopening a done request', () => {
  it('the requester reopens within the provider’s business days with a reason; the resolution clock runs on and the provider hears it', async () => {
    const { sales, eng, sync, clock } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    await sync();
    expect(eng.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'newRequest' })]);
    await eng.must('changeStatus', { id: req.id, status: 'acknowledged' });
    const done = await eng.must('changeStatus', { id: req.id, status: 'done' });
    expect(done.sla?.resolution.state).toBe('met');
    await sync();
    eng.notifications.evaluate();
    // Engineering's page says five business days (the default): on the second day it is still open to reopen.
    clock.now += 2 * DAY;
    const page = await sales.must('getRequest', { id: req.id });
    expect(Date.parse(page.reopenUntil!)).toBeGreaterThan(clock.now);
    expect(await eng.call('reopenRequest', { id: req.id, reason: 'Ours to say' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const reopened = await sales.must('reopenRequest', { id: req.id, reason: 'The laptop has no charger' });
    expect([reopened.status, reopened.reopened?.reason, reopened.sla?.resolution.state]).toEqual(['in_progress', 'The laptop has no charger', 'running']);
    expect(reopened.history.at(-1)).toMatchObject({ kind: 'status', from: 'done', to: 'in_progress', reopened: true, note: 'The laptop has no charger' });
    expect(reopened.timeline.at(-1)?.what).toBe('Reopened by Sales: the time to resolve runs on');
    await sync();
    expect(eng.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'reopened', title: 'Sales reopened: Laptop for Dana' })]);
    expect(await sales.call('reopenRequest', { id: req.id, reason: 'Again' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('refuses once the window has passed, and when the provider takes nothing back, saying what to do instead', async () => {
    const { sales, eng, sync, clock } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    await sync();
    await eng.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: req.id, status: 'done' });
    await sync();
    clock.now += 6 * DAY;
    expect((await sales.must('getRequest', { id: req.id })).reopenUntil).toBeUndefined();
    expect(await sales.call('reopenRequest', { id: req.id, reason: 'Still broken' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_transition',
        message: 'Engineering takes requests back within 5 business days of done, and that has passed. Send a new request, and link this one.',
      },
    });
    // Engineering's lead says it takes nothing back.
    await eng.must('updateProfile', { department: 'Engineering' });
    const page = { ...defaultServicePage('Engineering'), reopenDays: 0 };
    await sales.must('updateProfile', { department: 'Engineering' });
    await sales.must('saveServicePage', { department: 'Engineering', page });
    await sales.must('updateProfile', { department: 'Sales' });
    clock.now -= 5 * DAY;
    expect(await sales.call('reopenRequest', { id: req.id, reason: 'Still broken' })).toMatchObject({
      ok: false,
      error: { message: 'Engineering does not take done requests back. Send a new request, and link this one.' },
    });
  });
});
