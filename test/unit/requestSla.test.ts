import { describe, expect, it } from 'vitest';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import { requestClocks, requestSla } from '../../shared/model/requestSla.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { RequestOperation } from '../../shared/ops/operations.js';

const ID = '00000000-0000-4000-8000-0000000000e1';
// Monday 30 November 2026, 09:00 in Berlin.
const CREATED = Date.parse('2026-11-30T08:00:00Z');
const it_ = defaultDepartmentConfig('IT', 'Europe/Berlin');

function entry(...later: [minutes: number, type: RequestOperation['type'], fields: object][]) {
  const index = new QueueIndex();
  const ops = [
    [
      0,
      'request.create',
      {
        type: 'General request',
        typeId: 'general',
        title: 'VPN',
        details: '',
        priority: 'P3',
        neededBy: '2026-12-24T16:00:00.000Z',
        fromDepartment: 'Sales',
        toDepartment: 'IT',
      },
    ],
    ...later,
  ] as const;
  ops.forEach(([minutes, type, fields], i) => {
    const actor = type === 'request.create' ? { user: 'Sam', department: 'Sales' } : { user: 'Ian', department: 'IT' };
    index.apply(
      { id: `d:${i + 1}`, hlc: formatHlc({ wall: CREATED + minutes * 60_000, counter: 0, device: 'd' }), actor, type, target: ID, fields } as RequestOperation,
      i,
    );
  });
  return index.get(ID)!;
}

describe("a request's clocks, replayed from its history", () => {
  it('run in the provider’s business hours: four working hours to reply, three working days to resolve', () => {
    const e = entry();
    const computed = requestSla(e.create!, e, it_, new Date(CREATED + 60 * 60_000))!;
    expect(computed.sla.response).toMatchObject({
      state: 'running',
      targetMinutes: 240,
      remainingMinutes: 180,
      dueAt: '2026-11-30T13:00:00.000Z',
      stoppedAt: null,
    });
    expect(computed.sla.resolution).toMatchObject({ state: 'running', targetMinutes: 1440, dueAt: '2026-12-03T08:00:00.000Z' });
    expect(computed.timeline[0]).toMatchObject({ at: '2026-11-30T08:00:00.000Z', dueAt: expect.any(String) });
    expect(requestClocks(e.create!, e, it_, new Date(CREATED + 60 * 60_000))).toEqual(computed.sla);
  });

  it('the first response stops its clock when the provider acknowledges; a pause says why and when it resumes', () => {
    const e = entry(
      [30, 'request.status', { status: 'acknowledged' }],
      [60, 'request.status', { status: 'waiting_on_requester', note: 'Which office?', resumeAt: '2026-12-01T08:00:00.000Z' }],
    );
    const { sla } = requestSla(e.create!, e, it_, new Date(CREATED + 90 * 60_000))!;
    expect(sla.response).toMatchObject({ state: 'met', stoppedAt: '2026-11-30T08:30:00.000Z' });
    expect(sla.resolution).toMatchObject({ state: 'paused', pauseReason: 'Which office?', resumesAt: '2026-12-01T08:00:00.000Z' });
  });

  it('none where the provider has no configuration here yet, or a calendar with no working day at all', () => {
    const e = entry();
    expect(requestSla(e.create!, e, undefined, new Date(CREATED))).toBeNull();
    expect(requestClocks(e.create!, e, undefined, new Date(CREATED))).toBeNull();
    const closed = {
      ...it_,
      calendar: {
        ...it_.calendar,
        closures: Array.from({ length: 366 }, (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(4, 10).replace(/^/, '-')),
      },
    };
    expect(requestSla(e.create!, e, closed, new Date(CREATED))).toBeNull();
  });
});
