import { describe, expect, it } from 'vitest';
import { isDeviceId, isKnownOperation, parseOperation } from '../../shared/ops/operationSchema.js';
import { REQUEST_A, commentOp, createOp, statusOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);

describe('parseOperation (operations read from the share)', () => {
  it('accepts a valid creation, and drops the keys a newer build added: the queue keeps creations for as long as the app runs', () => {
    const op = createOp(REQUEST_A, 'dev-a', 1, T);
    const withExtra = {
      ...op,
      addedInAMinorVersion: { deep: 'x'.repeat(1000) },
      actor: { ...op.actor, badge: 7 },
      fields: { ...op.fields, costCentre: 'C-7' },
    };
    const parsed = parseOperation(withExtra);
    expect(parsed).toBe(withExtra);
    expect(parsed).toEqual(op);
  });

  it.each([
    ['status', statusOp(REQUEST_A, 'dev-a', 2, T, 'acknowledged')],
    ['comment', commentOp(REQUEST_A, 'dev-a', 3, T, 'Hello')],
  ])('accepts a valid %s operation with keys a newer build added (folded into registers and let go)', (_kind, op) => {
    const withExtra = { ...op, fields: { ...op.fields, costCentre: 'C-7' } };
    expect(parseOperation(withExtra)).toBe(withExtra);
  });

  it('answers an operation of a type a newer build added, for the log to keep and the fold to pass over', () => {
    const future = { ...createOp(REQUEST_A, 'dev-a', 4, T), type: 'request.forecast', fields: { level: 2, to: { department: 'Ops' } } };
    const parsed = parseOperation(future);
    expect(parsed).toBe(future);
    expect(isKnownOperation(parsed!)).toBe(false);
    expect(isKnownOperation(createOp(REQUEST_A, 'dev-a', 1, T))).toBe(true);
  });

  it('refuses a newer type whose fields nest deeper than a snapshot could write out again, or whose name is not a type', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 17; i++) deep = { deep };
    const future = { ...createOp(REQUEST_A, 'dev-a', 4, T), type: 'request.forecast' };
    expect(parseOperation({ ...future, fields: { deep } })).toBeNull();
    expect(parseOperation({ ...future, fields: (deep as { deep: unknown }).deep })).not.toBeNull();
    expect(parseOperation({ ...future, type: 'Request Escalate' })).toBeNull();
    expect(parseOperation({ ...future, type: 'x'.repeat(200) })).toBeNull();
    // Nulls inside are values, not more depth.
    expect(parseOperation({ ...future, fields: { a: null, b: [null, { c: null }] } })).not.toBeNull();
  });

  const good = createOp(REQUEST_A, 'dev-a', 1, T);
  it.each([
    ['no id', { ...good, id: undefined }],
    ['a zero sequence', { ...good, id: 'dev-a:0' }],
    ['a clock that is not an HLC', { ...good, hlc: '2026-11-23T09:00:00Z' }],
    ['no actor', { ...good, actor: null }],
    ['an actor without department', { ...good, actor: { user: 'x' } }],
    ['a type that is not text', { ...good, type: 7 }],
    ['an unknown priority', { ...good, fields: { ...good.fields, priority: 'P0' } }],
    ['a needed-by that is not a date', { ...good, fields: { ...good.fields, neededBy: 'soon' } }],
    ['a title too long', { ...good, fields: { ...good.fields, title: 'x'.repeat(1001) } }],
    ['an empty target', { ...good, target: '' }],
    ['an unknown status', statusOp(REQUEST_A, 'dev-a', 2, T, 'finished' as never)],
    ['a comment without body', { ...commentOp(REQUEST_A, 'dev-a', 3, T, 'x'), fields: {} }],
    ['an array', [good]],
    ['text', 'request.create'],
  ])('refuses %s', (_what, value) => {
    expect(parseOperation(value)).toBeNull();
  });

  it('checks the id against the one its reader expects, when the reader knows it (a segment does)', () => {
    const op = createOp(REQUEST_A, 'dev-a', 1, T);
    expect(parseOperation({ ...op }, { id: 'dev-a:1', device: 'dev-a' })).not.toBeNull();
    expect(parseOperation({ ...op }, { id: 'dev-a:2', device: 'dev-a' })).toBeNull();
    expect(parseOperation({ ...op, hlc: op.hlc.replace('dev-a', 'dev-b') }, { id: 'dev-a:1', device: 'dev-a' })).toBeNull();
    // A clock longer than a clock of that device, though it ends like one.
    expect(parseOperation({ ...op, hlc: op.hlc.replace(':dev-a', ':xdev-a') }, { id: 'dev-a:1', device: 'dev-a' })).toBeNull();
    expect(isDeviceId('dev-a')).toBe(true);
    expect(isDeviceId('dev a')).toBe(false);
    expect(isDeviceId('x'.repeat(101))).toBe(false);
  });
});
