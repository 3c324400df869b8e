import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalState } from '../../shared/model/canonical.js';
import { HlcClock } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { Replica } from '../../shared/model/replica.js';
import { convergenceProperty, recurringProperty } from '../helpers/convergenceModel.js';

/** More runs when asked (CONVERGENCE_RUNS=1000), with time for them: about 20 ms a run here, twice that for schedules. */
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 300);
const time = (msPerRun: number) => ({ timeout: Math.max(20_000, RUNS * msPerRun * 3) });

describe('convergence', () => {
  it('every replica ends with the same state, whatever the delivery (fast-check)', time(20), () => {
    fc.assert(convergenceProperty, { numRuns: RUNS });
  });

  it('machines of a department running the same schedules, offline or not, ask for each occurrence once (fast-check)', time(16), () => {
    fc.assert(recurringProperty, { numRuns: Math.ceil(RUNS / 3) });
  });

  it('the check can tell replicas apart: one missing segment is a different state', () => {
    const [a, b] = [new Replica(), new Replica()];
    const clock = new HlcClock('x', () => 1_000);
    const create = {
      id: 'x:1',
      hlc: clock.now(),
      actor: { user: 'u', department: 'Sales' },
      type: 'request.create',
      target: 'r',
      fields: { type: 'T', title: 't', details: '', priority: 'P3', neededBy: '2026-12-01T16:00:00.000Z', fromDepartment: 'Sales', toDepartment: 'IT' },
    } as Operation;
    a.apply(create);
    b.apply(create);
    a.apply({ id: 'x:2', hlc: clock.now(), actor: create.actor, type: 'request.comment', target: 'r', fields: { body: 'hi' } });
    expect(canonicalState(a)).not.toBe(canonicalState(b));
  });
});
