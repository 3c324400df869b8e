// `npm run bench`: generates shares (cached in the temp folder), runs each phase several times in
// fresh processes, prints medians and ratios. Not part of `npm test`. RUNS=5 for more runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import fc from 'fast-check';
import { convergenceProperty } from '../helpers/convergenceModel.js';
import type { ShareSpec } from './generate.js';
import { generateShare } from './generate.js';

const RUNS = Number(process.env.RUNS ?? 3);
/** A network drive's answer time per read, for the cold ingest over one. */
const SLOW_SHARE_MS = 20;
/** The shape machines write: a segment per save, packed by each device (see generate.ts). */
const LARGE: ShareSpec = { devices: 50, requests: 100_000, operations: 1_000_000, opsPerSegment: 'saves', seedTimeZone: 'Europe/Berlin' };
/** The bench before packs: the same history in 2,000-operation segments, for comparison. */
const UNIFORM: ShareSpec = { ...LARGE, opsPerSegment: 2_000 };
/** The same history as builds before keys wrote it: what signing costs is measured against it. */
const UNSIGNED: ShareSpec = { ...LARGE, unsigned: true };
const SMALL: ShareSpec = { devices: 50, requests: 100, operations: 1_000, opsPerSegment: 'saves', seedTimeZone: 'Europe/Berlin' };

/** Moves on when the generator writes shares differently: 2 = every device publishes a key and signs its files. */
const GENERATOR_VERSION = 2;

async function cachedShare(name: string, spec: ShareSpec): Promise<string> {
  const dir = join(tmpdir(), `interdesk-bench-${name}`);
  const marker = join(dir, 'spec.json');
  // The generator's version beside the spec: a share cached by an older generator (before keys: no signatures) is made again.
  const made = JSON.stringify({ ...spec, generator: GENERATOR_VERSION });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === made) return dir;
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const { bytes, segments } = await generateShare(dir, spec);
  writeFileSync(marker, made);
  console.log(
    `generated ${name}: ${spec.operations.toLocaleString()} operations, ${spec.requests.toLocaleString()} requests, ${spec.devices} devices, ${segments.toLocaleString()} files, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return dir;
}

/**
 * The phases run as the app ships its main process: bundled by esbuild as `npm run build` bundles
 * it. Through tsx, which keeps every function's name, each closure made per call costs a property
 * write: 5–10 % of a queue list.
 */
async function bundledPhases(): Promise<string> {
  // Inside the project, so that the bundle finds the packages it leaves out.
  const outfile = join('node_modules', '.cache', 'interdesk-bench', 'phase.mjs');
  await esbuild({
    entryPoints: ['test/bench/phase.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

let phaseScript = '';
function phase(name: string, share: string, dataDir: string, extra?: string): Record<string, number> {
  // Let the previous phase's writes reach the disk, so they do not slow this one down.
  execFileSync('sync');
  const out = execFileSync(process.execPath, [phaseScript, name, share, dataDir, ...(extra ? [extra] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function runs(name: string, share: string, dataDir: string, extra?: string) {
  const results = Array.from({ length: RUNS }, () => phase(name, share, dataDir, extra));
  return { ms: median(results.map((r) => r.ms!)), rssMb: Math.max(...results.map((r) => r.rssMb!)), last: results[results.length - 1]!, all: results };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const verdict = (ok: boolean) => (ok ? 'meets goal' : 'MISSES goal');

const large = await cachedShare('1M', LARGE);
const uniform = await cachedShare('1M-uniform', UNIFORM);
const small = await cachedShare('1k', SMALL);
const unsigned = await cachedShare('1M-unsigned', UNSIGNED);
const work = mkdtempSync(join(tmpdir(), 'interdesk-bench-run-'));
try {
  phaseScript = await bundledPhases();
  // A device that holds the whole share writes its snapshot (once; the share keeps it till regenerated).
  rmSync(join(large, 'Interdesk', 'snapshots'), { recursive: true, force: true });
  const written = phase('write-snapshot', large, join(work, 'writer'));
  const floor = runs('floor', large, '');
  const cold = runs('cold', large, join(work, 'large'));
  const floorSnapshot = runs('floor-snapshot', large, '');
  const usable = runs('usable', large, join(work, 'large'));
  const audit = runs('audit', large, join(work, 'large'));
  const floorSegments = runs('floor', large, '', 'segments');
  const coldReplay = runs('cold-replay', large, join(work, 'large'));
  const coldSlow = runs('cold', large, join(work, 'large'), String(SLOW_SHARE_MS));
  const warm = runs('warm', large, join(work, 'large'));
  const floorLocal = runs('floor-local', large, join(work, 'large'));
  const search = runs('search', large, join(work, 'large'));
  const searchLoad = runs('search-load', large, join(work, 'large'));
  const reviews = runs('reviews', large, join(work, 'large'));
  const review = (key: string) => median(reviews.all.map((r) => r[key]!));
  // The renderer at scale, on the data folder the warm phase left (it is synced and set up).
  if (!existsSync('dist/server/preview.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  const uiRuns = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/renderer.ts', join(work, 'large')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  });
  const ui = (key: string) => median(uiRuns.map((r) => r[key]!));
  const incLarge = runs('incremental', large, join(work, 'large'));
  const fullScan = runs('full-scan', large, join(work, 'large'));
  // The same history in 2,000-operation segments (the bench before packs), for comparison.
  const floorUniform = runs('floor', uniform, '', 'segments');
  const replayUniform = runs('cold-replay', uniform, join(work, 'uniform'));
  // What signatures cost: the same join (reading everything) and incremental sync, unsigned. The
  // incremental syncs compared start alike: from a machine that has just read everything.
  const replayUnsigned = runs('cold-replay', unsigned, join(work, 'unsigned'));
  const incUnsigned = runs('incremental', unsigned, join(work, 'unsigned'));
  phase('cold-replay', large, join(work, 'signed'));
  const incSigned = runs('incremental', large, join(work, 'signed'));
  phase('cold', small, join(work, 'small'));
  const incSmall = runs('incremental', small, join(work, 'small'));
  // Incremental runs added segments to the cached shares: regenerate them next time.
  rmSync(join(large, 'spec.json'));
  rmSync(join(small, 'spec.json'));
  rmSync(join(unsigned, 'spec.json'));

  const t0 = performance.now();
  fc.assert(convergenceProperty, { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 3_000) });
  const convergenceMs = performance.now() - t0;

  const ingestRatio = cold.ms / floor.ms;
  const replayRatio = coldReplay.ms / floorSegments.ms;
  const incRatio = incLarge.ms / incSmall.ms;
  const peaks = {
    'snapshot written': written.rssMb!,
    'cold ingest': cold.rssMb,
    'joining machine usable, then its history': usable.rssMb,
    'snapshot audit after a join': audit.rssMb,
    'cold ingest, reading everything': coldReplay.rssMb,
    'cold ingest, slow share': coldSlow.rssMb,
    'warm start': warm.rssMb,
    'full scan': fullScan.rssMb,
    incremental: incLarge.rssMb,
    'search index built': search.rssMb,
    'search index loaded': searchLoad.rssMb,
    reviews: reviews.rssMb,
  };
  const [peakPhase, peak] = Object.entries(peaks).sort((a, b) => b[1] - a[1])[0]!;
  console.log(
    `\nInterdesk sync benchmark — medians of ${RUNS} runs, ${cold.last.ops!.toLocaleString()} operations / ${LARGE.requests.toLocaleString()} requests / ${LARGE.devices} devices`,
  );
  console.table({
    'share snapshot written by a device holding it all (one run)': { result: `${fmt(written.ms!)}, ${written.mb!.toFixed(0)} MB`, goal: '—', verdict: '' },
    'floor: read + parse the same bytes (snapshot, packs, the segments after them)': { result: fmt(floor.ms), goal: '—', verdict: '' },
    'cold ingest (fresh device joins from the snapshot)': {
      result: `${fmt(cold.ms)} = ${ingestRatio.toFixed(2)}× floor`,
      goal: '≤ 1.5× floor',
      verdict: verdict(ingestRatio <= 1.5),
    },
    'floor: read + parse the share snapshot alone': { result: fmt(floorSnapshot.ms), goal: '—', verdict: '' },
    'a joining machine usable: setup to its Incoming queue with clocks (history copied after)': {
      result: `${fmt(usable.ms)} = ${(usable.ms / floorSnapshot.ms).toFixed(2)}× its floor; history in ${fmt(median(usable.all.map((r) => r.historyMs!)))} more`,
      goal: '≤ 1.3× floor',
      verdict: verdict(usable.ms / floorSnapshot.ms <= 1.3),
    },
    'audit of the adopted snapshot (after the join, in the background, half the main thread)': { result: fmt(audit.ms), goal: '—', verdict: '' },
    'floor: read + parse the packs and segments only': { result: fmt(floorSegments.ms), goal: '—', verdict: '' },
    'cold ingest reading the history (no snapshot on the share)': {
      result: `${fmt(coldReplay.ms)} = ${replayRatio.toFixed(2)}× its floor`,
      goal: '≤ 1.5× floor',
      verdict: verdict(replayRatio <= 1.5),
    },
    [`cold ingest, share answering each read after ${SLOW_SHARE_MS} ms`]: {
      result: `${fmt(coldSlow.ms)} = ${(coldSlow.ms / cold.ms).toFixed(2)}× local`,
      goal: '≤ 3× local',
      verdict: verdict(coldSlow.ms / cold.ms <= 3),
    },
    'the same history in 2,000-operation segments: floor; cold ingest reading it': {
      result: `${fmt(floorUniform.ms)}; ${fmt(replayUniform.ms)} = ${(replayUniform.ms / floorUniform.ms).toFixed(2)}× its floor`,
      goal: '—',
      verdict: '',
    },
    'signatures: a join reading everything, signed / unsigned': {
      result: `${fmt(coldReplay.ms)} / ${fmt(replayUnsigned.ms)} = ${(coldReplay.ms / replayUnsigned.ms).toFixed(2)}×`,
      goal: '≤ 1.1×',
      verdict: verdict(coldReplay.ms / replayUnsigned.ms <= 1.1),
    },
    'signatures: an incremental sync, signed / unsigned': {
      result: `${fmt(incSigned.ms)} / ${fmt(incUnsigned.ms)} = ${(incSigned.ms / incUnsigned.ms).toFixed(2)}×`,
      goal: '≤ 1.1×',
      verdict: verdict(incSigned.ms / incUnsigned.ms <= 1.1),
    },
    'incremental: 10-op segment at 1M history': { result: fmt(incLarge.ms), goal: '≤ 50 ms', verdict: verdict(incLarge.ms <= 50) },
    'incremental: 10-op segment at 1k history': { result: fmt(incSmall.ms), goal: '—', verdict: '' },
    'incremental ratio 1M / 1k': { result: `${incRatio.toFixed(2)}×`, goal: '≤ 1.2×', verdict: verdict(incRatio <= 1.2) },
    'full scan (every log and packs folder listed), nothing new': {
      result: `${fmt(fullScan.ms)} = ${(fullScan.ms / incLarge.ms).toFixed(1)}× incremental`,
      goal: '≤ 10× incremental',
      verdict: verdict(fullScan.ms / incLarge.ms <= 10),
    },
    'floor: read + parse the local snapshot': { result: fmt(floorLocal.ms), goal: '—', verdict: '' },
    'warm start to a ready queue': {
      result: `${fmt(warm.ms)} = ${(warm.ms / floorLocal.ms).toFixed(2)}× its floor (${warm.last.rows} rows)`,
      goal: '≤ 1.5× floor',
      verdict: verdict(warm.ms / floorLocal.ms <= 1.5),
    },
    'Incoming list with SLA clocks, again': { result: `${fmt(median(warm.all.map((r) => r.listMs!)))} (${warm.last.rows} rows)`, goal: '—', verdict: '' },
    'Incoming after a change naming 10 requests (their rows and the counts)': { result: fmt(median(warm.all.map((r) => r.patchMs!))), goal: '—', verdict: '' },
    'search index built from the local log (first start, in slices)': { result: fmt(search.ms), goal: '—', verdict: '' },
    'search index loaded as saved at quit (later starts)': { result: fmt(searchLoad.ms), goal: '—', verdict: '' },
    'search of Incoming for words in details and comments, median': {
      result: `${fmt(median(search.all.map((r) => r.queryMs!)))} (${search.last.hits} hits over 5 searches)`,
      goal: '—',
      verdict: '',
    },
    'reviews: floor, one pass over the queue index': { result: fmt(review('floorMs')), goal: '—', verdict: '' },
    [`reviews: the matrix for a quarter (${reviews.last.total!.toLocaleString()} requests), rows kept up to date`]: {
      result: `${fmt(reviews.ms)} = ${(reviews.ms / review('floorMs')).toFixed(2)}× floor`,
      goal: '≤ 500 ms',
      verdict: verdict(reviews.ms <= 500),
    },
    [`reviews: a cell's requests (${reviews.last.cellRows!.toLocaleString()})`]: {
      result: `${fmt(review('cellMs'))} = ${(review('cellMs') / review('floorMs')).toFixed(2)}× floor`,
      goal: '≤ 200 ms',
      verdict: verdict(review('cellMs') <= 200),
    },
    'reviews: the matrix again after a change naming 10 requests': { result: fmt(review('changedMs')), goal: '—', verdict: '' },
    'reviews: the first matrix right after a start, before the warm-up; the queue answered meanwhile in': {
      result: `${fmt(review('coldMs'))}; ${fmt(review('queueMs'))}`,
      goal: '—',
      verdict: '',
    },
    'peak RSS of any phase': { result: `${peak} MB (${peakPhase})`, goal: '≤ 512 MB', verdict: verdict(peak <= 512) },
    'renderer: Incoming queue shown after load': {
      result: `${fmt(ui('firstQueueMs'))} (${uiRuns[0]!.rows} rows, ${uiRuns[0]!.domRows} in the DOM)`,
      goal: 'virtualized',
      verdict: verdict(uiRuns[0]!.domRows! < 60),
    },
    'renderer: filter keystroke to rendered result, p95': {
      result: `${fmt(ui('keystrokeP95'))} = ${(ui('keystrokeP95') / ui('keystrokeP50')).toFixed(2)}× p50 (${fmt(ui('keystrokeP50'))})`,
      goal: '≤ 2× p50',
      verdict: verdict(ui('keystrokeP95') <= 2 * ui('keystrokeP50')),
    },
    'renderer: opening a request (median of 7; max)': {
      result: `${fmt(ui('openMedian'))}; ${fmt(ui('openMax'))}`,
      goal: '≤ 100 ms',
      verdict: verdict(ui('openMedian') <= 100),
    },
    'renderer: All departments overview, first visit; again': {
      result: `${fmt(ui('overviewFirstMs'))}; ${fmt(ui('overviewAgainMs'))}`,
      goal: '—',
      verdict: '',
    },
    'renderer: JS heap with the queue loaded': { result: `${ui('heapMb')} MB`, goal: 'stated', verdict: '' },
    'convergence property, long mode': {
      result: `${process.env.CONVERGENCE_RUNS ?? 3_000} runs in ${fmt(convergenceMs)}`,
      goal: 'all converge',
      verdict: 'passed',
    },
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
