import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/contract/result.js';
import type { Operation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET, isConfigOperation, operationId, parseOperationId, sameJson } from '../../shared/ops/operations.js';

describe('operation ids', () => {
  it('are device:seq, read back from the last colon (device ids may hold colons)', () => {
    expect(operationId('dev-a', 7)).toBe('dev-a:7');
    expect(parseOperationId('dev-a:7')).toEqual({ deviceId: 'dev-a', seq: 7 });
    expect(parseOperationId('host:with:colons:12')).toEqual({ deviceId: 'host:with:colons', seq: 12 });
  });

  it.each(['dev-a', ':7', 'dev-a:0', 'dev-a:-1', 'dev-a:1.5', 'dev-a:x', 'dev-a:', 'dev-a:99999999999999999999'])('refuses %j', (id) => {
    expect(() => parseOperationId(id)).toThrow(`Not an operation id: ${JSON.stringify(id)}`);
  });
});

describe('sameJson', () => {
  it('is structural: key order and undefined members do not matter, everything else does', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({}, null)).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson(null, null)).toBe(true);
  });
});

describe('configuration operations', () => {
  it('are told apart by their target', () => {
    const base = { id: 'd:1', hlc: '000000000001000:000000:d', actor: { user: 'A', department: 'IT' } };
    expect(isConfigOperation({ ...base, type: 'config.seed', target: CONFIG_TARGET, fields: { departments: {} } } as Operation)).toBe(true);
    expect(isConfigOperation({ ...base, type: 'request.watch', target: 'r1', fields: { watching: true } } as Operation)).toBe(false);
  });
});

describe('the result envelope', () => {
  it('is ok with a value, or an error with a code and a sentence', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('not_found', 'Gone.')).toEqual({ ok: false, error: { code: 'not_found', message: 'Gone.' } });
  });
});
