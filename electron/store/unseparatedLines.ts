import type { Operation } from '../../shared/ops/operations.js';
import { parseOperation } from '../../shared/ops/operationSchema.js';

// Reading a log line written before operations were separated (see OP_SEPARATOR in opLog.ts):
// such a line can only be scanned for its objects, and each one found is checked again.

/** JSON text's value, or null when it is not JSON (a cut that a damaged line put in the wrong place). */
export function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The operations on `target` in a line written before separators: scanned for its objects. */
export function fromScan(text: string, target: string): Operation[] {
  const out: Operation[] = [];
  let hit = text.indexOf(target);
  for (const [from, to] of topLevelObjects(text)) {
    while (hit >= 0 && hit < from) hit = text.indexOf(target, hit + 1);
    if (hit < 0) break;
    if (hit >= to) continue;
    const op = parseOperation(parseOrNull(text.slice(from, to)));
    if (op?.target === target) out.push(op);
  }
  return out;
}

/** [start, end) of each object directly inside a JSON array text, found without parsing. */
function* topLevelObjects(text: string): Generator<[number, number]> {
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === 1 && c === 123) start = i;
      depth++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 1 && c === 125) yield [start, i + 1];
    }
  }
}
