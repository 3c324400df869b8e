import { describe, expect, it } from 'vitest';
import { DeviceFiles } from '../../electron/sync/format/deviceFiles.js';
import { segmentName } from '../../electron/sync/format/layout.js';
import { packName } from '../../electron/sync/format/pack.js';
import { MERGE_BELOW_OPS, MERGE_FANIN, PACK_AFTER_SEGMENTS, heldBy, planPack } from '../../electron/sync/packer.js';

/** One-operation segments `from…to`. */
const segs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => segmentName(from + i));
/** `n` packs of `size` operations each, from operation `from`. */
const packsOf = (n: number, size: number, from = 1) =>
  Array.from({ length: n }, (_, i) => packName({ first: from + i * size, last: from + (i + 1) * size - 1 }));
const plan = (log: string[], packs: string[], flushed: number) =>
  planPack(new DeviceFiles(log, packs), flushed)?.map((s) => ('pack' in s ? `pack ${s.pack.first}-${s.pack.last}` : `seg ${s.segment}`)) ?? null;

describe('what a device packs next (docs/sync.md §Packs)', () => {
  it('packs the segments after its packs once there are enough of them, flushed', () => {
    expect(plan(segs(1, PACK_AFTER_SEGMENTS - 1), [], 1_000)).toBeNull();
    expect(plan(segs(1, PACK_AFTER_SEGMENTS), [], 1_000)).toHaveLength(PACK_AFTER_SEGMENTS);
    // Only what is on the share as flushed: the rest may still be a clone's, or not there yet.
    expect(plan(segs(1, PACK_AFTER_SEGMENTS), [], PACK_AFTER_SEGMENTS - 1)).toBeNull();
    // After a pack, the segments after it; those it holds are not packed again.
    const after = plan(segs(1, 200), [packName({ first: 1, last: 100 })], 200);
    expect(after?.[0]).toBe('seg 101');
    expect(after).toHaveLength(100);
  });

  it('merges a run of small packs into one, and leaves large ones as they are', () => {
    expect(plan([], packsOf(MERGE_FANIN - 1, 64), 10_000)).toBeNull();
    expect(plan([], packsOf(MERGE_FANIN, 64), 10_000)).toEqual(packsOf(MERGE_FANIN, 64).map((_, i) => `pack ${1 + i * 64}-${(i + 1) * 64}`));
    expect(plan([], packsOf(MERGE_FANIN, 10_000), 1_000_000)).toBeNull();
    // "Small" ends where an eighth of a full pack begins: one that large in the middle breaks the run.
    const runWith = (middle: number) => [...packsOf(8, 100), packName({ first: 801, last: 800 + middle }), ...packsOf(8, 100, 801 + middle)];
    expect(plan([], runWith(MERGE_BELOW_OPS - 1), 1_000_000)).toHaveLength(17);
    expect(plan([], runWith(MERGE_BELOW_OPS), 1_000_000)).toBeNull();
    // Large packs first, then a run of small ones: the small ones merge.
    const mixed = plan([], [...packsOf(2, 10_000), ...packsOf(MERGE_FANIN, 64, 20_001)], 1_000_000);
    expect(mixed?.[0]).toBe('pack 20001-20064');
    // A merged pack that reaches further is read instead of the small ones it holds.
    const merged = packName({ first: 1, last: 64 * MERGE_FANIN });
    expect(plan([], [...packsOf(MERGE_FANIN, 64), merged], 10_000)).toBeNull();
  });
});

describe('which file holds an operation (DeviceFiles)', () => {
  it('finds the pack that reaches furthest, nested or overlapping, else the segment', () => {
    const files = new DeviceFiles(segs(1, 300), [
      packName({ first: 1, last: 64 }),
      packName({ first: 1, last: 128 }),
      packName({ first: 65, last: 96 }),
      packName({ first: 129, last: 192 }),
    ]);
    expect(files.packHolding(70)?.name).toBe(packName({ first: 1, last: 128 }));
    expect(files.packHolding(129)?.name).toBe(packName({ first: 129, last: 192 }));
    expect(files.packHolding(193)).toBeNull();
    // Passing over a bad one: the furthest of the others that hold it.
    expect(files.packHolding(70, new Set([packName({ first: 1, last: 128 })]))?.name).toBe(packName({ first: 65, last: 96 }));
    expect(files.packHolding(100, new Set([packName({ first: 1, last: 128 })]))).toBeNull();
    expect(files.sourceFor(250)).toEqual({ segment: 250 });
    expect(files.sourceFor(70)).toEqual({ pack: { first: 1, last: 128 }, name: packName({ first: 1, last: 128 }) });
    expect(new DeviceFiles(['000000000005.seg'], []).sourceFor(3)).toBeNull();
    expect(files.planFrom(100).map((s) => ('pack' in s ? s.name : s.segment))).toEqual([
      packName({ first: 1, last: 128 }),
      packName({ first: 129, last: 192 }),
      ...Array.from({ length: 108 }, (_, i) => 193 + i),
    ]);
  });

  it('plans a folder of 200,000 crafted, overlapping pack names without stopping the machine (a lookup is a binary search)', () => {
    const names = Array.from({ length: 200_000 }, (_, i) => packName({ first: i + 1, last: i + 2 }));
    const plan = new DeviceFiles([], names).planFrom(0);
    expect(plan).toHaveLength(100_001);
    // A scan per lookup took 13 s here; a binary search takes a fiftieth of that.
  }, 5_000);

  it('says what each pack holds, and does so for a folder of 200,000 crafted names without stopping the machine', () => {
    const files = new DeviceFiles(segs(1, 200), [packName({ first: 1, last: 64 }), packName({ first: 1, last: 128 }), packName({ first: 65, last: 128 })]);
    const held = (first: number, last: number) => heldBy(files, { first, last }).map((s) => ('pack' in s ? s.name : s.segment));
    expect(held(1, 128)).toEqual([packName({ first: 1, last: 64 }), packName({ first: 65, last: 128 }), ...Array.from({ length: 128 }, (_, i) => i + 1)]);
    expect(held(65, 128)).toEqual(Array.from({ length: 64 }, (_, i) => i + 65));
    // A pack that starts inside but reaches beyond is not held.
    expect(held(1, 100)).toEqual([packName({ first: 1, last: 64 }), ...Array.from({ length: 100 }, (_, i) => i + 1)]);
    const crafted = new DeviceFiles(
      segs(1, 1_000),
      Array.from({ length: 200_000 }, (_, i) => packName({ first: i + 1, last: i + 2 })),
    );
    let count = 0;
    for (const source of crafted.planFrom(0)) if ('pack' in source) count += heldBy(crafted, source.pack).length;
    expect(count).toBeGreaterThan(0);
  }, 5_000);
});
