import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();

describe('satisfaction per handoff', () => {
  it('once done, the requester is asked once whether it would choose the provider again; its answer is in the history and the provider reads it', async () => {
    const { sales, eng, sync } = await salesAndEngineering(undo);
    const req = await sales.must('createRequest', laptopRequest('Engineering'));
    expect(await sales.call('rateRequest', { id: req.id, again: true })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    await sync();
    await eng.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: req.id, status: 'done' });
    await sync();
    expect(sales.notifications.evaluate().map((n) => [n.kind, n.title])).toEqual([
      ['done', 'Done: Laptop for Dana'],
      ['satisfaction', 'Would you choose Engineering again for this?'],
    ]);
    expect(await eng.call('rateRequest', { id: req.id, again: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Written anyway by the provider: passed over, on every machine.
    eng.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'request.rate', target: req.id, fields: { again: true, comment: 'We are great' } });

    const rated = await sales.must('rateRequest', { id: req.id, again: false, comment: 'It came a week late' });
    expect(rated.rating).toMatchObject({ again: false, comment: 'It came a week late' });
    expect(rated.history.at(-1)).toMatchObject({ kind: 'rated', again: false, comment: 'It came a week late' });
    await sync();
    expect((await eng.must('getRequest', { id: req.id })).rating).toMatchObject({ again: false, comment: 'It came a week late' });
    // Asked once: answered, it is not asked again.
    expect(sales.notifications.evaluate()).toEqual([]);
  });
});
