import { OP_SEPARATOR } from './opLog.js';

/**
 * Local log lines (`[a,\tb,\tc]\n`, see `OP_SEPARATOR`) cut and joined as bytes, never by writing
 * an operation out again: unknown fields of a newer build stay in the bytes (docs/sync.md §Mixed
 * versions), and nothing is serialised twice.
 */

/** The line of the operations from the `skip`-th on: a reader holding the start of a pack takes the rest. */
export function lineFrom(line: Buffer, skip: number): Buffer {
  if (skip === 0) return line;
  let at = 0;
  for (let k = 0; k < skip; k++) {
    at = line.indexOf(TAB, at) + 1;
    if (at === 0) throw new Error(`The line holds fewer than ${skip + 1} operations.`);
  }
  return Buffer.concat([OPEN, line.subarray(at)]);
}

/** The line of `count` operations from the `skip`-th on: part of a file's line. */
export function lineRange(line: Buffer, skip: number, count: number): Buffer {
  const from = lineFrom(line, skip);
  let at = 0;
  for (let k = 0; k < count; k++) {
    at = from.indexOf(TAB, at) + 1;
    if (at === 0) return from; // it ends with the line
  }
  // Cut before the separator that follows the last operation wanted (",\t").
  return Buffer.concat([from.subarray(0, at - OP_SEPARATOR.length), CLOSE]);
}

/** One line of several lines' operations in their order (each line holds at least one): segments read in a row become one batch. */
export function joinLines(lines: readonly Buffer[]): Buffer {
  if (lines.length === 1) return lines[0]!;
  const parts: Buffer[] = [OPEN];
  lines.forEach((line, i) => {
    if (i > 0) parts.push(SEPARATOR);
    parts.push(line.subarray(1, line.length - 2)); // without its "[" and "]\n"
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

const TAB = OP_SEPARATOR.charCodeAt(OP_SEPARATOR.length - 1);
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']\n');
const SEPARATOR = Buffer.from(OP_SEPARATOR);
