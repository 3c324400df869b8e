import type { Operation } from '../../shared/ops/operations.js';
import { parseOperation } from '../../shared/ops/operationSchema.js';

// A local log line's operations in parts, for a long pass over the log (the snapshot audit): a
// part's objects die young, where a whole pulled line (up to 50,000 operations) outlives the
// collector's young generation. Lines are `[a,\tb,\tc]\n` (OP_SEPARATOR in opLog.ts).

export interface LinePartsOptions {
  /** About how many operations are read before a part is answered. */
  partOps?: number;
  /**
   * Only the operations on requests it accepts (a pass over some of the requests): the others
   * are passed over unparsed where their bytes say their request for certain. The caller still
   * checks each operation's target: any other is answered too.
   */
  wanted?: (id: string) => boolean;
}

const TAB = 0x09;
const TARGET = Buffer.from('"target":"');

/** The operations of a line with separators, each checked again, in parts. */
export function* lineParts(buf: Buffer, { partOps = 1_000, wanted }: LinePartsOptions = {}): Generator<Operation[]> {
  let texts: string[] = [];
  const part = (): Operation[] => {
    const out: Operation[] = [];
    if (texts.length)
      for (const value of JSON.parse(`[${texts.join(',')}]`) as unknown[]) {
        const op = parseOperation(value);
        if (op) out.push(op);
      }
    texts = [];
    return out;
  };
  let read = 0;
  for (let start = 1; start < buf.length - 2; ) {
    const tab = buf.indexOf(TAB, start);
    const end = tab < 0 ? buf.length - 2 : tab - 1; // before ",\t", or "]\n" after the last
    const target = wanted ? targetBytes(buf, start, end) : null;
    if (target === null || wanted!(target)) texts.push(buf.toString('utf8', start, end));
    if (++read % partOps === 0) yield part();
    start = tab < 0 ? buf.length : tab + 1;
  }
  yield part();
}

/**
 * The target of the operation in `buf[start, end)` read from its bytes, or null unless they say it
 * for certain: exactly one `"target":"` (a string value cannot hold one unescaped, so it is the
 * key), followed by plain ASCII up to the closing quote. Anything else is parsed to be known.
 */
function targetBytes(buf: Buffer, start: number, end: number): string | null {
  const at = buf.indexOf(TARGET, start);
  if (at < 0 || at >= end) return null;
  const again = buf.indexOf(TARGET, at + 1);
  if (again >= 0 && again < end) return null;
  const from = at + TARGET.length;
  const quote = buf.indexOf(0x22, from);
  if (quote < 0 || quote >= end) return null;
  for (let i = from; i < quote; i++) if (buf[i]! === 0x5c || buf[i]! >= 0x80) return null;
  return buf.toString('latin1', from, quote);
}
