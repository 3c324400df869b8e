import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap V8 may let a long fold's garbage take past what was live at the last collection. */
const SLACK_BYTES = 64 << 20;
/** Parsed operations take about this many times their bytes in the log. */
const HEAP_PER_LOG_BYTE = 4;

/**
 * The engine's full collection, made callable (the idiom jest-leak-detector uses). Where the
 * runtime will not expose it, nothing is collected early: the heap is then only larger for a while.
 */
export function fullCollection(exposed: () => unknown = () => runInNewContext('gc')): () => void {
  let gc: unknown;
  try {
    setFlagsFromString('--expose-gc');
    gc = exposed();
  } catch {
    gc = null;
  }
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
}

/**
 * For a long background fold that builds an index of the whole history (the snapshot audit's,
 * search's words): each folded operation replaces or adds to what the index held, and the garbage
 * it leaves has outlived the young generation, so V8 lets the heap grow by hundreds of MB before
 * it collects it — over the app's memory budget at 1,000,000 operations. Collects once at the
 * start (what a start or a join left is garbage too), then, called after each part of the fold,
 * whenever the heap has grown `slack` past what was live at the last collection. A fold of
 * `logBytes` too few to leave that much garbage is left to V8 (tests and small shares fold often).
 */
export function boundedGarbage(logBytes: number, slack = SLACK_BYTES, gc: () => void = fullCollection()): () => void {
  if (logBytes * HEAP_PER_LOG_BYTE < slack) return () => undefined;
  gc();
  let live = getHeapStatistics().used_heap_size;
  return () => {
    if (getHeapStatistics().used_heap_size - live < slack) return;
    gc();
    live = getHeapStatistics().used_heap_size;
  };
}
