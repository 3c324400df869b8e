import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();
const HOUR = 3_600_000;

describe('service reviews', () => {
  it('a department pair’s figures over a period, from real requests and their clocks, and the requests of one cell', async () => {
    const { sales, eng, sync, clock } = await salesAndEngineering(undo);
    const start = new Date(clock.now - HOUR).toISOString();
    const onTime = await sales.must('createRequest', { ...laptopRequest('Engineering'), title: 'On time', priority: 'P2' });
    await sales.must('createRequest', { ...laptopRequest('Engineering'), title: 'Late', priority: 'P2' });
    await sync();
    clock.now += HOUR;
    await eng.must('changeStatus', { id: onTime.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: onTime.id, status: 'done' });
    await sync();
    await sales.must('rateRequest', { id: onTime.id, again: true });
    // P2 asks for a reply within 2 h and resolution within a day of business time: the other one is now late on both.
    clock.now += 30 * HOUR;
    await sync();
    const period = { from: start, to: new Date(clock.now + HOUR).toISOString() };
    const review = await eng.must('getReview', period);
    expect(review.total).toBe(2);
    expect(review.pairs).toEqual([
      expect.objectContaining({
        from: 'Sales',
        to: 'Engineering',
        count: 2,
        responseMet: 0.5,
        resolutionMet: 0.5,
        breaches: 1,
        medianResolutionHours: 1,
        satisfaction: { yes: 1, no: 0 },
      }),
    ]);
    const cell = await eng.must('getReviewRequests', { ...period, requester: 'Sales', provider: 'Engineering' });
    expect(cell.rows.map((r) => [r.title, r.resolution?.state])).toEqual([
      ['On time', 'met'],
      ['Late', 'breached'],
    ]);
    // A period before either request, and a filter nothing matches, have nothing to say.
    expect((await eng.must('getReview', { from: new Date(clock.now - 100 * HOUR).toISOString(), to: start })).pairs).toEqual([]);
    expect((await eng.must('getReview', { ...period, priority: 'P4' })).total).toBe(0);
  });

  it('puts a price on late answers: a late order clarification costs the value its form says is at stake', async () => {
    const { sales, eng, sync, clock } = await salesAndEngineering(undo);
    const start = new Date(clock.now - HOUR).toISOString();
    await sales.must('createRequest', {
      toDepartment: 'Engineering',
      typeId: 'order-clarification',
      title: 'Order 4711: which voltage?',
      details: '',
      neededBy: new Date(clock.now + 2 * HOUR).toISOString(),
      form: { order: '4711', question: 'Which voltage?', valueAtStake: '125000' },
    });
    await sync();
    clock.now += 10 * HOUR;
    const review = await eng.must('getReview', { from: start, to: new Date(clock.now).toISOString() });
    expect(review.pairs).toEqual([expect.objectContaining({ from: 'Sales', to: 'Engineering', breaches: 1, atStake: 125_000 })]);
  });
});
