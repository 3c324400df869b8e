import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap V8 may let a long fold's garbage take past what was live at the last collection. */
const SLACK_BYTES = 64 << 20;

let collector: (() => void) | null = null;
/** The engine's full collection, made callable once (the idiom jest-leak-detector uses). */
function fullCollection(): () => void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  return collector;
}

/**
 * For a long background fold that builds a second index of the whole history (the snapshot
 * audit): each folded operation replaces a register the index held, and the old one has already
 * outlived the young generation, so V8 lets the heap grow by hundreds of MB of garbage before it
 * collects it — over the app's memory budget at 1,000,000 operations. Call the answer after each
 * part: it collects once the heap has grown SLACK_BYTES past what was live at the last collection.
 */
export function boundedGarbage(slack = SLACK_BYTES, gc: () => void = fullCollection()): () => void {
  let live = getHeapStatistics().used_heap_size;
  return () => {
    if (getHeapStatistics().used_heap_size - live < slack) return;
    gc();
    live = getHeapStatistics().used_heap_size;
  };
}
