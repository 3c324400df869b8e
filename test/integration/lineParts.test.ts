import { describe, expect, it } from 'vitest';
import { OpLog } from '../../electron/store/opLog.js';
import type { Operation } from '../../shared/ops/operations.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, statusOp } from '../helpers/ops.js';
import { undoAfterEach } from '../helpers/undo.js';

const { tempDir } = undoAfterEach();
const openLog = () => OpLog.open(tempDir('interdesk-line-parts-'), () => undefined).log;

describe('reading a log line in parts, for a long pass over the log', () => {
  const ops: Operation[] = [
    createOp(REQUEST_A, 'd', 1, 1_000),
    createOp(REQUEST_B, 'd', 2, 2_000),
    commentOp(REQUEST_B, 'd', 3, 3_000, `tab\there, {"target":"${REQUEST_A}"}`),
    statusOp(REQUEST_A, 'd', 4, 4_000, 'acknowledged'),
    statusOp(REQUEST_B, 'd', 5, 5_000, 'acknowledged'),
  ];
  const partsOf = (log: OpLog, line: number, options?: Parameters<OpLog['linePartsOf']>[1]) =>
    [...log.linePartsOf(line, options)].map((part) => part.map((op) => op.id));

  it('answers every operation of the line, in order, in parts of the size asked for', () => {
    const log = openLog();
    log.append(ops, { durable: false });
    // A line written before operations were separated is answered whole.
    log.append(ops, { durable: false, line: Buffer.from(`${JSON.stringify(ops)}\n`) });
    expect(partsOf(log, 0, { partOps: 2 })).toEqual([['d:1', 'd:2'], ['d:3', 'd:4'], ['d:5']]);
    expect(partsOf(log, 1, { partOps: 2 })).toEqual([['d:1', 'd:2', 'd:3', 'd:4', 'd:5']]);
    expect(partsOf(log, 0).flat()).toEqual(ops.map((op) => op.id));
    log.close();
  });

  it('passes over the operations on requests not wanted unparsed, and parses every one whose bytes do not say its request for certain', () => {
    const log = openLog();
    log.append(ops, { durable: false });
    const wantA = (id: string) => id === REQUEST_A;
    // B's comment names A in its text: escaped there, so not taken for its target.
    expect(partsOf(log, 0, { wanted: wantA }).flat()).toEqual(['d:1', 'd:4']);
    // A newer build's field named "target" inside an operation on A, written before its own target
    // (keys in any order), and a target written with an escape: neither is passed over on its bytes.
    const nested = `{"fields":{"body":"x","target":"${REQUEST_B}"},"target":"${REQUEST_A}","type":"request.comment","actor":{"user":"Eve","department":"Engineering"},"hlc":"000000000006000:000000:e","id":"e:1"}`;
    const escaped = `{"t\\u0061rget":"${REQUEST_A}","type":"request.comment","fields":{"body":"y"},"actor":{"user":"Eve","department":"Engineering"},"hlc":"000000000007000:000000:e","id":"e:2"}`;
    const escapedId = `{"target":"\\u0030${REQUEST_A.slice(1)}","type":"request.comment","fields":{"body":"z"},"actor":{"user":"Eve","department":"Engineering"},"hlc":"000000000008000:000000:e","id":"e:3"}`;
    log.append([], { durable: false, line: Buffer.from(`[${nested},\t${escaped},\t${escapedId}]\n`) });
    expect(log.readLines([1]).map((op) => [op.id, op.target])).toEqual([
      ['e:1', REQUEST_A],
      ['e:2', REQUEST_A],
      ['e:3', REQUEST_A],
    ]);
    expect(partsOf(log, 1, { wanted: wantA }).flat()).toEqual(['e:1', 'e:2', 'e:3']);
    log.close();
  });
});
