import { describe, expect, it } from 'vitest';
import { filesHolding } from '../helpers/filesHolding.js';
import { inDays, laptopRequest } from '../helpers/requestInputs.js';
import { officeOf } from '../helpers/office.js';
import { undoAfterEach } from '../helpers/undo.js';

/** The requesting department corrects what it asked, through the real services and a real share (docs/sync.md §Corrections). */
const { office: officeWith, sync } = officeOf(undoAfterEach());

/** Sam (Sales), Eve (Engineering) and Hana (HR), admitted, on one share. */
async function office() {
  const {
    share,
    sam,
    others: [eve, hana],
  } = await officeWith(['Eve', 'Engineering'], ['Hana', 'HR']);
  return { share, sam, eve: eve!, hana: hana! };
}

describe('correcting a request', () => {
  it('the requester changes title, details and an answer field by field; the provider sees the latest and every version is in the history and findable', async () => {
    const { sam, eve } = await office();
    const req = await sam.must('createRequest', {
      toDepartment: 'Engineering',
      typeId: 'order-clarification',
      title: 'Order 4411: which voltage?',
      details: 'Customer asks',
      neededBy: inDays(1),
      form: { order: '4411', question: 'Voltage?' },
    });
    await sync(sam, eve);
    const fixed = await sam.must('editRequest', { id: req.id, title: 'Order 4412: which voltage?', form: { order: '4412', valueAtStake: '125000' } });
    expect([fixed.title, fixed.details, fixed.form]).toEqual([
      'Order 4412: which voltage?',
      'Customer asks',
      { order: '4412', question: 'Voltage?', valueAtStake: '125000' },
    ]);
    expect(fixed.history.filter((h) => h.kind === 'edited').map((h) => h.kind === 'edited' && [h.field, h.value])).toEqual([
      ['title', 'Order 4412: which voltage?'],
      ['form.order', '4412'],
      ['form.valueAtStake', '125000'],
    ]);
    expect(await sam.call('editRequest', { id: req.id, title: 'Order 4412: which voltage?' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Nothing changed') },
    });
    expect(await sam.call('editRequest', { id: req.id, form: { order: '' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Order number is required.' },
    });
    await sync(sam, eve);
    expect((await eve.must('listRequests', { view: 'incoming' })).items.map((r) => r.title)).toEqual(['Order 4412: which voltage?']);
    expect((await eve.must('getRequest', { id: req.id })).form.order).toBe('4412');
    expect((await eve.must('searchRequests', { query: '4412', view: 'incoming' })).ids).toEqual([req.id]);

    // The provider does not rewrite what it was asked: refused by the service, and by the fold when written anyway.
    expect(await eve.call('editRequest', { id: req.id, details: 'Nothing to do' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    eve.store.commit(
      { user: 'Eve', department: 'Engineering' },
      { type: 'request.edit', target: req.id, fields: { field: 'details', value: 'Nothing to do' } },
    );
    await sync(eve, sam);
    for (const m of [sam, eve]) expect((await m.must('getRequest', { id: req.id })).details).toBe('Customer asks');

    await eve.must('changeStatus', { id: req.id, status: 'acknowledged' });
    await eve.must('changeStatus', { id: req.id, status: 'done' });
    await sync(eve, sam);
    expect(await sam.call('editRequest', { id: req.id, details: 'Late' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('a confidential request is corrected sealed again, never in clear on the share', async () => {
    const { share, sam, hana } = await office();
    const req = await sam.must('createRequest', {
      toDepartment: 'HR',
      typeId: 'letter',
      title: 'Salary letter for Dana',
      details: 'Her pay rises to 5,400 a month',
      neededBy: inDays(10),
      form: {},
    });
    await sync(sam, hana);
    const fixed = await sam.must('editRequest', { id: req.id, details: 'Her pay rises to 5,600 a month' });
    expect([fixed.details, fixed.history.at(-1)]).toEqual([
      'Her pay rises to 5,600 a month',
      expect.objectContaining({ kind: 'edited', field: 'sealed', value: null }),
    ]);
    await sync(sam, hana);
    expect((await hana.must('getRequest', { id: req.id })).details).toBe('Her pay rises to 5,600 a month');
    for (const dir of [share, sam.dataDir, hana.dataDir]) expect(filesHolding(dir, '5,600')).toEqual([]);
  });

  it('refuses a correction of a request that is not its department’s to correct, before anything is written', async () => {
    const { sam, eve } = await office();
    const req = await eve.must('createRequest', laptopRequest('Sales'));
    await sync(sam, eve);
    expect(await sam.call('editRequest', { id: req.id, title: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
