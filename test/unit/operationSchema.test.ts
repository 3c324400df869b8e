import { describe, expect, it } from 'vitest';
import { parseOperation } from '../../shared/ops/operationSchema.js';
import { REQUEST_A, commentOp, createOp, statusOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);

describe('parseOperation (operations read from the share)', () => {
  it.each([
    ['create', createOp(REQUEST_A, 'dev-a', 1, T)],
    ['status', statusOp(REQUEST_A, 'dev-a', 2, T, 'acknowledged')],
    ['comment', commentOp(REQUEST_A, 'dev-a', 3, T, 'Hello')],
  ])('accepts a valid %s operation as it is, extra keys included', (_kind, op) => {
    const withExtra = { ...op, addedInAMinorVersion: true };
    expect(parseOperation(withExtra)).toBe(withExtra);
  });

  const good = createOp(REQUEST_A, 'dev-a', 1, T);
  it.each([
    ['no id', { ...good, id: undefined }],
    ['a zero sequence', { ...good, id: 'dev-a:0' }],
    ['a clock that is not an HLC', { ...good, hlc: '2026-11-23T09:00:00Z' }],
    ['no actor', { ...good, actor: null }],
    ['an actor without department', { ...good, actor: { user: 'x' } }],
    ['an unknown type', { ...good, type: 'request.delete' }],
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
});
