import { describe, expect, it } from 'vitest';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { canonicalState } from '../../shared/model/canonical.js';
import { Replica } from '../../shared/model/replica.js';
import type { Operation } from '../../shared/ops/operations.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);
const seed = {
  id: 'dev-c:1',
  hlc: '001795000000000:000000:dev-c',
  actor: { user: 'Ana', department: 'HR' },
  type: 'config.seed',
  target: 'config',
  fields: { departments: { IT: defaultDepartmentConfig('IT', 'Europe/Berlin') } },
} as Operation;
const ops: Operation[] = [
  seed,
  createOp(REQUEST_B, 'dev-a', 1, T, 'Badge'),
  createOp(REQUEST_A, 'dev-a', 2, T + 1),
  statusOp(REQUEST_A, 'dev-b', 1, T + 2, 'acknowledged'),
  commentOp(REQUEST_B, 'dev-b', 2, T + 3, 'Printed'),
];
const stateOf = (list: readonly Operation[]) => {
  const replica = new Replica();
  for (const op of list) replica.apply(op);
  return canonicalState(replica);
};

describe('canonicalState: the whole visible state as one string', () => {
  it('is the same for the same operations, whatever order they came in', () => {
    expect(stateOf([...ops].reverse())).toBe(stateOf(ops));
    const parsed = JSON.parse(stateOf(ops)) as { requests: { id: string; status: string }[]; config: [string, unknown][] };
    expect(parsed.requests.map((r) => r.id)).toEqual([REQUEST_A, REQUEST_B].sort());
    expect(parsed.requests.find((r) => r.id === REQUEST_A)?.status).toBe('acknowledged');
    expect(parsed.config.map(([name]) => name)).toEqual(['IT']);
  });

  it('differs when any operation differs', () => {
    expect(stateOf(ops.slice(0, -1))).not.toBe(stateOf(ops));
    expect(stateOf(ops.slice(1))).not.toBe(stateOf(ops));
  });
});
