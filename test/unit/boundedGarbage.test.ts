import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { boundedGarbage, fullCollection } from '../../electron/store/boundedGarbage.js';

const used = () => getHeapStatistics().used_heap_size;

describe('keeping a long fold’s garbage within bounds', () => {
  it('collects the garbage once the heap has grown past the slack', () => {
    const collect = boundedGarbage(1 << 30, 32 << 20);
    // Garbage that outlived the young generation, as a fold's replaced registers have.
    let held: { n: number; text: string }[] | null = Array.from({ length: 600_000 }, (_, n) => ({ n, text: `register ${n}` }));
    const grown = used();
    held.length = 0;
    held = null;
    collect();
    expect(used()).toBeLessThan(grown - (20 << 20));
  });

  it('collects at the start, then only when the heap has grown by the slack since the last collection', () => {
    let collections = 0;
    const collect = boundedGarbage(1 << 30, 16 << 20, () => collections++);
    const kept: number[][] = [];
    expect(collections).toBe(1);
    collect();
    expect(collections).toBe(1);
    // 40 MB held, as a fold's index grows: one collection, then none until it grows as much again.
    for (let i = 0; i < 40; i++) kept.push(new Array<number>(128 * 1024).fill(i + 0.5));
    collect();
    collect();
    expect(collections).toBe(2);
    expect(kept).toHaveLength(40);
  });

  it('where the runtime will not expose the collector, collects nothing early and carries on', () => {
    for (const exposed of [
      () => undefined,
      () => ({}),
      () => {
        throw new ReferenceError('gc is not defined');
      },
    ]) {
      const collect = boundedGarbage(1 << 30, 0, fullCollection(exposed));
      expect(() => collect()).not.toThrow();
    }
  });

  it('leaves a fold of a log too small to leave that much garbage to V8', () => {
    let collections = 0;
    const collect = boundedGarbage(4 << 20, 64 << 20, () => collections++);
    const kept = Array.from({ length: 40 }, (_, i) => new Array<number>(128 * 1024).fill(i + 0.5));
    collect();
    expect(collections).toBe(0);
    expect(kept).toHaveLength(40);
  });
});
