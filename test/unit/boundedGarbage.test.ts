import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { boundedGarbage } from '../../electron/store/boundedGarbage.js';

const used = () => getHeapStatistics().used_heap_size;

describe('keeping a long fold’s garbage within bounds', () => {
  it('collects the garbage once the heap has grown past the slack', () => {
    const collect = boundedGarbage(32 << 20);
    // Garbage that outlived the young generation, as a fold's replaced registers have.
    let held: { n: number; text: string }[] | null = Array.from({ length: 600_000 }, (_, n) => ({ n, text: `register ${n}` }));
    const grown = used();
    held.length = 0;
    held = null;
    collect();
    expect(used()).toBeLessThan(grown - (20 << 20));
  });

  it('collects only when the heap has grown by the slack since the last collection', () => {
    let collections = 0;
    const collect = boundedGarbage(16 << 20, () => collections++);
    const kept: number[][] = [];
    collect();
    expect(collections).toBe(0);
    // 40 MB held, as a fold's index grows: one collection, then none until it grows as much again.
    for (let i = 0; i < 40; i++) kept.push(new Array<number>(128 * 1024).fill(i + 0.5));
    collect();
    collect();
    expect(collections).toBe(1);
    expect(kept).toHaveLength(40);
  });
});
