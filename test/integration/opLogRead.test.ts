import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpLog } from '../../electron/store/opLog.js';
import { decodeSegment, encodeSegment } from '../../electron/sync/format/segment.js';
import type { Operation } from '../../shared/ops/operations.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An empty log in a folder of its own, removed after the test. */
function openLog(): OpLog {
  const dir = mkdtempSync(join(tmpdir(), 'interdesk-oplog-'));
  dirs.push(dir);
  return OpLog.open(dir, () => {}).log;
}

describe('reading one request’s operations out of big log lines', () => {
  it('finds exactly its operations, whatever the other operations say or how their keys are ordered', () => {
    const log = openLog();
    const tricky: Operation[] = [
      createOp(REQUEST_A, 'd', 1, 1_000),
      createOp(REQUEST_B, 'd', 2, 2_000),
      // Mentions A's id, with braces, brackets, quotes and backslashes in a string: not A's.
      commentOp(REQUEST_B, 'd', 3, 3_000, `See ${REQUEST_A} {"target":"${REQUEST_A}"} ]} \\" [[`),
      statusOp(REQUEST_A, 'd', 4, 4_000, 'acknowledged'),
    ];
    // Another device may serialise keys in another order.
    const reordered = {
      fields: { body: 'late' },
      target: REQUEST_A,
      type: 'request.comment',
      actor: { user: 'Eve', department: 'Engineering' },
      hlc: '000000000005000:000000:e',
      id: 'e:1',
    } as Operation;
    log.append(tricky);
    log.append([reordered], { durable: false });
    const a = log.readTarget([0, 1], REQUEST_A);
    expect(a.map((op) => op.id)).toEqual(['d:1', 'd:4', 'e:1']);
    expect(log.readTarget([0, 1], REQUEST_B).map((op) => op.id)).toEqual(['d:2', 'd:3']);
    expect(log.readTarget([0], 'ffffffff-0000-4000-8000-000000000000')).toEqual([]);
    expect(log.readTarget([0, 1], REQUEST_A)).toEqual(log.readLines([0, 1]).filter((op) => op.target === REQUEST_A));
    log.close();
  });

  it('reads lines pulled from segments, and lines written before operations were separated', () => {
    const log = openLog();
    const ops: Operation[] = [
      createOp(REQUEST_A, 'd', 1, 1_000),
      // A tab in the text is written escaped: it cannot be taken for a separator.
      commentOp(REQUEST_B, 'd', 2, 2_000, `tab\there, ${REQUEST_A}`),
      statusOp(REQUEST_A, 'd', 3, 3_000, 'acknowledged'),
    ];
    const segmentLine = decodeSegment(encodeSegment('d', ops, null), 'd', 1, { key: null });
    if (!segmentLine.ok) throw new Error(segmentLine.reason);
    log.append(ops, { durable: false, line: segmentLine.line });
    log.append(ops, { durable: false, line: Buffer.from(`${JSON.stringify(ops)}\n`) });
    for (const line of [0, 1]) {
      expect(log.readTarget([line], REQUEST_A).map((op) => op.id)).toEqual(['d:1', 'd:3']);
      expect(log.readTarget([line], REQUEST_B)).toEqual([ops[1]]);
      expect(log.readLines([line])).toEqual(ops);
    }
    log.close();
  });
});
