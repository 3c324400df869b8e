import type { PackName } from './pack.js';
import { packName, parsePackName } from './pack.js';
import { segmentFirsts } from './layout.js';

/** Where a device's operation `seq` is to be read: a pack holding it, or the segment that starts there (or before it). */
export type Source = { pack: PackName; name: string } | { segment: number };

/**
 * One device's files on the share as a full scan listed them (its log folder and its packs
 * folder): which file to read for the operation after a cursor (docs/sync.md §Packs: a pack
 * when one holds it, else the segment), and the order to read them in.
 */
export class DeviceFiles {
  readonly firsts: number[];
  /** By first sequence number; where two overlap, the longer first. */
  readonly packs: PackName[];
  /** For each pack, the one reaching furthest among it and those before it: a lookup is a binary search, however many names a folder holds. */
  private reach: PackName[] = [];

  constructor(
    /** The log folder's names, conflict copies included. */
    readonly logNames: readonly string[],
    packNames: readonly string[] = [],
  ) {
    this.firsts = segmentFirsts(logNames);
    this.packs = packNames
      .flatMap((name) => {
        const p = parsePackName(name);
        return p ? [p] : [];
      })
      .sort((a, b) => a.first - b.first || b.last - a.last);
    this.index();
  }

  /** A pack just written, in its place. */
  addPack(pack: PackName): void {
    this.packs.push(pack);
    this.packs.sort((a, b) => a.first - b.first || b.last - a.last);
    this.index();
  }

  private index(): void {
    this.reach = [];
    this.packs.forEach((p, i) => this.reach.push(i > 0 && this.reach[i - 1]!.last >= p.last ? this.reach[i - 1]! : p));
  }

  /**
   * The pack holding `seq` that reaches furthest, or null; with `except`, the furthest of the
   * others (a reader passing over a bad one: a crafted name must not hide a good pack behind it).
   */
  packHolding(seq: number, except?: ReadonlySet<string>): { pack: PackName; name: string } | null {
    let lo = 0;
    let hi = this.packs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.packs[mid]!.first <= seq) lo = mid + 1;
      else hi = mid;
    }
    let best = lo > 0 ? this.reach[lo - 1]! : null;
    if (best && except?.has(packName(best))) {
      // The rare path: a scan of the packs that start at or before `seq`.
      best = null;
      for (let i = 0; i < lo; i++) {
        const p = this.packs[i]!;
        if (p.last >= seq && (!best || p.last > best.last) && !except.has(packName(p))) best = p;
      }
    }
    return best && best.last >= seq ? { pack: best, name: packName(best) } : null;
  }

  /** Where operation `seq` is: a pack holding it, else the last segment starting at or before it; null when neither. */
  sourceFor(seq: number): Source | null {
    const pack = this.packHolding(seq);
    if (pack) return pack;
    const i = segmentAt(this.firsts, seq);
    return i < 0 ? null : { segment: this.firsts[i]! };
  }

  /** The files a reader holding `1…cursor` will read, in order, as far as they follow one another: for reading ahead. */
  planFrom(cursor: number): Source[] {
    const plan: Source[] = [];
    for (let seq = cursor + 1; ; ) {
      const pack = this.packHolding(seq);
      if (pack) {
        plan.push(pack);
        seq = pack.pack.last + 1;
        continue;
      }
      const i = segmentAt(this.firsts, seq);
      if (i < 0 || this.firsts[i] !== seq) return plan;
      plan.push({ segment: seq });
      // Segments follow one another: the next one listed starts where this one ends.
      if (i + 1 >= this.firsts.length) return plan;
      seq = this.firsts[i + 1]!;
    }
  }
}

/** Index of the last of `firsts` (ascending) at or before `seq`, or -1. */
export function segmentAt(firsts: readonly number[], seq: number): number {
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (firsts[mid]! <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
