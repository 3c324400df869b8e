import { setImmediate as yieldToEvents } from 'node:timers/promises';

/**
 * For a long loop on the main thread: `await slice()` once per step lets other work in whenever
 * `ms` have passed since the last time, so the app keeps answering while the loop runs.
 */
export function timeSlices(ms = 12): () => Promise<void> | undefined {
  let start = performance.now();
  return () => {
    if (performance.now() - start <= ms) return undefined;
    return yieldToEvents().then(() => {
      start = performance.now();
    });
  };
}
