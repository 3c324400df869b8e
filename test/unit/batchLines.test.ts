import { describe, expect, it } from 'vitest';
import { joinLines, lineFrom, lineRange } from '../../electron/store/batchLines.js';
import { linesToJsonArray } from '../../electron/sync/format/segment.js';

/** A log line as a pulled file's operations become one (`[a,\tb]\n`), with a newer build's field kept. */
const line = (...ids: number[]) => linesToJsonArray(Buffer.from(ids.map((id) => `${JSON.stringify({ id: `d:${id}`, future: { kept: id } })}\n`).join('')));
const ids = (bytes: Buffer) => (JSON.parse(bytes.toString('utf8')) as { id: string; future: unknown }[]).map((op) => op.id);

describe('log lines cut and joined as bytes', () => {
  it('takes the operations from one on, a range of them, and several lines as one, never writing an operation out again', () => {
    const five = line(1, 2, 3, 4, 5);
    expect(ids(lineFrom(five, 0))).toEqual(['d:1', 'd:2', 'd:3', 'd:4', 'd:5']);
    expect(ids(lineFrom(five, 3))).toEqual(['d:4', 'd:5']);
    expect(ids(lineRange(five, 1, 2))).toEqual(['d:2', 'd:3']);
    expect(ids(lineRange(five, 3, 2))).toEqual(['d:4', 'd:5']);
    expect(ids(lineRange(five, 0, 1))).toEqual(['d:1']);
    const joined = joinLines([line(1), lineRange(five, 1, 3), line(9, 10)]);
    expect(ids(joined)).toEqual(['d:1', 'd:2', 'd:3', 'd:4', 'd:9', 'd:10']);
    // Framed as the log frames it: one line, operations apart by the separator only.
    expect(joined.toString('utf8')).toMatch(/^\[[^\n]*\]\n$/);
    expect(joined.toString('utf8').split(',\t')).toHaveLength(6);
    expect((JSON.parse(joined.toString('utf8')) as { future: unknown }[])[1]!.future).toEqual({ kept: 2 });
    expect(() => lineFrom(line(1, 2), 2)).toThrow(/fewer than 3/);
  });
});
