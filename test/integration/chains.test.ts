import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Template } from '../../shared/config/template.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import { salesAndEngineering } from '../helpers/salesAndEngineering.js';
import { undoAfterEach } from '../helpers/undo.js';

const undo = undoAfterEach();
const HOUR = 3_600_000;

/** Sales's "Customer visit": Engineering writes the spec, then reviews it once the spec is done. */
const visit: Template = {
  id: 'visit',
  name: 'Customer visit',
  description: 'A customer comes to see the line.',
  anchor: 'day',
  questions: [
    { id: 'customer', label: 'Customer', kind: 'text', required: true },
    { id: 'day', label: 'Visit day', kind: 'date', required: true },
  ],
  steps: [
    { id: 'spec', department: 'Engineering', typeId: 'general', title: 'Spec for {customer}', answers: {}, dueDays: -5, waitsFor: [], priority: 'P3' },
    {
      id: 'review',
      department: 'Engineering',
      typeId: 'general',
      title: 'Review for {customer}',
      answers: {},
      dueDays: -1,
      waitsFor: ['spec'],
      priority: 'P3',
    },
  ],
};

async function launched() {
  const office = await salesAndEngineering(undo);
  const { sales, sync, clock } = office;
  await sales.must('saveTemplates', { department: 'Sales', templates: [visit] });
  const day = new Date(clock.now + 30 * 86_400_000).toISOString().slice(0, 10);
  const parent = await sales.must('launchTemplate', { department: 'Sales', templateId: 'visit', answers: { customer: 'Acme', day } });
  await sync();
  return { ...office, parent, day };
}

describe('launching a template: a chain of requests', () => {
  it('sends the parent and every step in one batch; each department finds its step; the parent is Sales’s own', async () => {
    const { sales, eng, parent, day } = await launched();
    expect(parent).toMatchObject({ title: 'Customer visit: Acme', fromDepartment: 'Sales', toDepartment: 'Sales', status: 'new', sla: null });
    expect(parent.chain).toMatchObject({ name: 'Customer visit', anchor: day });
    expect(parent.chain!.steps.map((s) => [s.title, s.department, s.status, s.waitingFor])).toEqual([
      ['Spec for Acme', 'Engineering', 'new', null],
      ['Review for Acme', 'Engineering', 'new', 'Spec for Acme'],
    ]);
    // One line of the log: all of it or none of it, one change pushed.
    const last = sales.store.line(sales.store.lineCount - 1);
    expect(last.map((o) => o.type)).toEqual(['request.create', 'request.chain', 'request.create', 'request.link', 'request.create', 'request.link']);
    const incoming = (await eng.must('listRequests', { view: 'incoming' })).items.map((r) => r.title).sort();
    expect(incoming).toEqual(['Review for Acme', 'Spec for Acme']);
    expect((await sales.must('listRequests', { view: 'incoming' })).items).toEqual([]);
    expect((await sales.must('listRequests', { view: 'outgoing' })).items.map((r) => r.title).sort()).toEqual([
      'Customer visit: Acme',
      'Review for Acme',
      'Spec for Acme',
    ]);
  });

  it('a step that waits holds its clocks until its turn; the chain is done when its last step is', async () => {
    const { sales, eng, sync, clock, parent } = await launched();
    const [spec, review] = parent.chain!.steps;
    sales.notifications.evaluate();
    const waiting = await eng.must('getRequest', { id: review!.id });
    expect(waiting.sla?.resolution).toMatchObject({ state: 'paused', pauseReason: 'waiting for Spec for Acme' });
    // (Read before the next sync: a sync measures this test's moved clock against the share's and corrects it.)
    clock.now += 5 * HOUR;
    await eng.must('changeStatus', { id: spec!.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: spec!.id, status: 'done' });
    clock.now += 2 * HOUR;
    // Its turn came when the spec was done: two hours of its clock have run since, not seven.
    const turned = (await eng.must('getRequest', { id: review!.id })).sla!.resolution;
    expect(turned).toMatchObject({ state: 'running' });
    expect(turned.targetMinutes - turned.remainingMinutes).toBe(120);
    await eng.must('changeStatus', { id: review!.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: review!.id, status: 'done' });
    // The reviews count the steps, not the parent; Engineering's sees where the chain's time went: 5 h on the spec, 2 h on the review.
    const period = { from: new Date(clock.now - 2 * 86_400_000).toISOString(), to: new Date(clock.now + 86_400_000).toISOString() };
    expect((await eng.must('getReview', period)).pairs.map((p) => [p.from, p.to, p.count])).toEqual([['Sales', 'Engineering', 2]]);
    expect((await eng.must('getDepartmentReview', { ...period, department: 'Engineering' })).held).toEqual([
      { department: 'Engineering', hours: 7, requests: 1 },
    ]);
    await sync();
    const done = await sales.must('getRequest', { id: parent.id });
    expect(done.status).toBe('done');
    // Sales is told its chain is done, though no operation named the parent (its last step's did): the
    // spec, the review and the chain are done; each step, not the chain, asks "would you choose them again?".
    expect(sales.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'summary', body: '3 done, 2 questions about done requests' })]);
    expect((await sales.must('getDepartmentReview', { ...period, department: 'Sales' })).held.map((h) => [h.department, h.requests])).toEqual([
      ['Engineering', 1],
    ]);
    expect(done.chain!.steps.map((s) => s.status)).toEqual(['done', 'done']);
    expect((await sales.must('listRequests', { view: 'outgoing' })).items).toEqual([]);
    expect(await sales.call('changeStatus', { id: parent.id, status: 'cancelled' })).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('moving the date it counts from proposes each open step’s new date to its department, counted in its days', async () => {
    const { sales, eng, sync, parent, day } = await launched();
    const [spec, review] = parent.chain!.steps;
    await eng.must('changeStatus', { id: spec!.id, status: 'acknowledged' });
    await eng.must('changeStatus', { id: spec!.id, status: 'done' });
    await sync();
    const later = new Date(Date.parse(`${day}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const moved = await sales.must('moveAnchor', { id: parent.id, anchor: later });
    expect(moved.chain!.anchor).toBe(later);
    await sync();
    // The review (open) gets a proposal for the working day before the new date; the spec (done) none.
    const proposal = (await eng.must('getRequest', { id: review!.id })).proposal!;
    expect(proposal).toMatchObject({ by: 'Sales', reason: `Customer visit: the date it counts from moved from ${day} to ${later}.` });
    expect(proposal.neededBy.slice(0, 10)).toBe(new Date(Date.parse(`${later}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
    expect((await eng.must('getRequest', { id: spec!.id })).proposal).toBeUndefined();
    await eng.must('acceptDate', { id: review!.id, proposal: proposal.id });
    expect(await eng.call('moveAnchor', { id: parent.id, anchor: day })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sales.call('moveAnchor', { id: spec!.id, anchor: day })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('launches only whole: a missing answer, a template of another department, each said before anything is sent', async () => {
    const { sales, eng } = await salesAndEngineering(undo);
    await sales.must('saveTemplates', { department: 'Sales', templates: [visit] });
    const lines = sales.store.lineCount;
    expect(await sales.call('launchTemplate', { department: 'Sales', templateId: 'visit', answers: { customer: 'Acme' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Visit day is required.' },
    });
    expect(await sales.call('launchTemplate', { department: 'Sales', templateId: 'visit', answers: { customer: 'Acme', day: '2020-01-06' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Spec for Acme \(Engineering\): Its date \(2020-01-01\) has already passed/) },
    });
    expect(sales.store.lineCount).toBe(lines);
    expect(await eng.call('launchTemplate', { department: 'Sales', templateId: 'visit', answers: {} })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('after a crash anywhere in the launch’s write, the store holds the whole chain or none of it', async () => {
    const { sales } = await launched();
    const log = readFileSync(join(sales.dataDir, 'store', 'operations.jsonl'));
    // The launch's line: the one holding the chain (a sync may have written lines after it).
    const at = log.indexOf('"request.chain"');
    const start = log.lastIndexOf('\n', at) + 1;
    const end = log.indexOf('\n', at) + 1;
    const seen = new Set<number>();
    for (let i = 0; i <= 40; i++) {
      const cut = start + Math.round(((end - start) * i) / 40);
      const dir = mkdtempSync(join(tmpdir(), 'interdesk-cut-'));
      try {
        mkdirSync(join(dir, 'store'));
        writeFileSync(join(dir, 'store', 'operations.jsonl'), log.subarray(0, cut));
        const store = RequestStore.open({ dir: join(dir, 'store'), deviceId: sales.store.deviceId });
        const titles = [...store.requests()].map((e) => e.create!.fields.title);
        store.close();
        seen.add(titles.length);
        expect(titles.length === 0 || titles.length === 3).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect([...seen].sort()).toEqual([0, 3]);
  });
});
