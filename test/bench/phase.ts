// One benchmark phase in a process of its own (so peak RSS and caches are its own).
// Prints one JSON line: { ms, rssMb, ... }.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataLayout, openServices } from '../../electron/services/compose.js';
import { JsonFileSettings } from '../../electron/services/settings.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { DeviceFiles } from '../../electron/sync/format/deviceFiles.js';
import { sourcePath } from '../../electron/sync/operationFiles.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { realShareFs } from '../../electron/sync/shareFs.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { appendSegment } from './generate.js';
import { keyFromSeed } from '../helpers/keys.js';
import { hlcToIso } from '../../shared/ops/hlc.js';

const [phase, share, dataDir, extra] = process.argv.slice(2) as [string, string, string, string | undefined];
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const engineFor = (store: RequestStore, fs?: ShareFs, snapshots = true) =>
  new SyncEngine({
    store,
    sharePath: () => share,
    identity: () => ({ user: 'Bench', department: 'Engineering' }),
    key: keyFromSeed('bench-reader'),
    watch: false,
    fullScanEvery: 1_000,
    snapshots,
    ...(fs ? { fs } : {}),
  });

/** The share as a network drive answers: each read and listing after `ms`. */
function slowShare(ms: number): ShareFs {
  const later = <T>(f: () => Promise<T>) => new Promise<void>((resolve) => setTimeout(resolve, ms)).then(f);
  return { ...realShareFs, readFile: (p, max) => later(() => realShareFs.readFile(p, max)), readdir: (p) => later(() => realShareFs.readdir(p)) };
}

async function main(): Promise<Record<string, number>> {
  switch (phase) {
    case 'floor': {
      // Reading and parsing the same bytes a cold ingest reads, the fastest plain way (the lines
      // of each file as one JSON array): the least any ingest can cost. `extra` 'segments': the
      // segments only (a join that reads everything); else the newest share snapshot too.
      const t0 = performance.now();
      const layout = new ShareLayout(share);
      let ops = 0;
      if (extra !== 'segments') {
        const name = readdirSync(layout.snapshotsDir).sort().pop()!;
        const text = readFileSync(join(layout.snapshotsDir, name), 'utf8');
        const body = text.slice(text.indexOf('\n') + 1, text.lastIndexOf('\n', text.length - 2));
        JSON.parse(`[${body.replaceAll('\n', ',')}]`);
      }
      for (const device of readdirSync(layout.devicesDir)) {
        // The files a reader reads: packs where they hold the history, then the segments after them.
        const packs = existsSync(layout.packsDir(device)) ? readdirSync(layout.packsDir(device)) : [];
        for (const source of new DeviceFiles(readdirSync(layout.logDir(device)), packs).planFrom(0)) {
          const text = readFileSync(sourcePath(layout, device, source), 'utf8');
          const body = text.slice(text.indexOf('\n') + 1, text.lastIndexOf('\n', text.length - 2));
          ops += (JSON.parse(`[${body.replaceAll('\n', ',')}]`) as unknown[]).length;
        }
      }
      return { ms: performance.now() - t0, ops, rssMb: rssMb() };
    }
    case 'floor-snapshot': {
      // Reading and parsing the share snapshot alone: the least a machine joining from it can cost before its queue shows.
      const layout = new ShareLayout(share);
      const name = readdirSync(layout.snapshotsDir).sort().pop()!;
      const t0 = performance.now();
      const text = readFileSync(join(layout.snapshotsDir, name), 'utf8');
      const body = text.slice(text.indexOf('\n') + 1, text.lastIndexOf('\n', text.length - 2));
      JSON.parse(`[${body.replaceAll('\n', ',')}]`);
      return { ms: performance.now() - t0, rssMb: rssMb() };
    }
    case 'usable': {
      // A new machine set up on the share: from "Start using Interdesk" to its Incoming queue answered
      // (the snapshot read and checked; the history behind it is copied afterwards, in the background).
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      const settingsFile = join(dataDir, 'settings.json');
      writeFileSync(settingsFile, JSON.stringify({ deviceId: 'bench-reader' }));
      const services = openServices({ dataDir, settings: new JsonFileSettings(settingsFile), sync: { watch: false, pollMs: 3_600_000 } });
      const t0 = performance.now();
      const setup = await services.dispatch('completeSetup', { name: 'Bench', department: 'Engineering', sharePath: share });
      if (!setup.ok) throw new Error(setup.error.message);
      const list = await services.dispatch('listRequests', { view: 'incoming' });
      const ms = performance.now() - t0;
      if (!list.ok) throw new Error(list.error.message);
      const rows = (list.value as { items: { sla: unknown }[] }).items;
      if (!rows.some((r) => r.sla)) throw new Error('The queue shown had no clocks.');
      const t1 = performance.now();
      await services.store.whenJoined();
      const historyMs = performance.now() - t1;
      services.close();
      return { ms, historyMs, rows: rows.length, rssMb: rssMb() };
    }
    case 'floor-local': {
      // Reading and parsing the local snapshot a warm start begins from: the least a start can cost.
      const t0 = performance.now();
      JSON.parse(readFileSync(join(dataLayout(dataDir).storeDir, 'snapshot.json'), 'utf8'));
      return { ms: performance.now() - t0, rssMb: rssMb() };
    }
    case 'cold':
    case 'cold-replay': {
      // A fresh device joins: from the share's snapshot, or (cold-replay) reading every segment.
      // `extra`: milliseconds the share takes to answer each read (a network drive), else none.
      rmSync(dataDir, { recursive: true, force: true });
      const t0 = performance.now();
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId: 'bench-reader' });
      await engineFor(store, extra ? slowShare(Number(extra)) : undefined, phase === 'cold').syncNow();
      const ms = performance.now() - t0;
      const ops = store.opCount;
      const rss = rssMb();
      // The audit of the adopted snapshot is timed on its own ('audit'); here it ends before the
      // store closes, so the phases after this one start from a machine that has settled.
      await store.audited;
      store.close();
      return { ms, ops, rssMb: rss };
    }
    case 'audit': {
      // A fresh device joins from the snapshot, then audits it against the whole copied history
      // in the background (docs/sync.md §Snapshots): how long that takes, and its peak memory.
      rmSync(dataDir, { recursive: true, force: true });
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId: 'bench-reader' });
      await engineFor(store).syncNow();
      const t0 = performance.now();
      const result = await store.audited;
      const ms = performance.now() - t0;
      store.close();
      if (!result || !('sound' in result) || !result.sound) throw new Error(`The audit did not find the snapshot sound: ${JSON.stringify(result)}`);
      return { ms, rssMb: rssMb() };
    }
    case 'write-snapshot': {
      // A device that holds the whole share writes its snapshot, as the device whose turn it is would.
      rmSync(dataDir, { recursive: true, force: true });
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId: 'bench-writer' });
      const engine = engineFor(store, undefined, false);
      await engine.syncNow();
      const t0 = performance.now();
      const name = await engine.writeSnapshot();
      const ms = performance.now() - t0;
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (!name) throw new Error('The bench device could not write a snapshot.');
      const layout = new ShareLayout(share);
      return { ms, mb: statSync(join(layout.snapshotsDir, name)).size / 1e6, rssMb: rssMb() };
    }
    case 'warm': {
      // Start to a ready queue: open the local store, answer the Incoming list.
      const settingsFile = join(dataDir, 'settings.json');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(settingsFile, JSON.stringify({ deviceId: 'bench-reader', profile: { name: 'Bench', department: 'Engineering' }, sharePath: share }));
      const t0 = performance.now();
      const services = openServices({ dataDir, settings: new JsonFileSettings(settingsFile), sync: false });
      const list = await services.dispatch('listRequests', { view: 'incoming' });
      const ms = performance.now() - t0;
      if (!list.ok) throw new Error(list.error.message);
      // A queue reloads on every pushed change: the list again, and the share of it the clocks take.
      const t1 = performance.now();
      await services.dispatch('listRequests', { view: 'incoming' });
      const listMs = performance.now() - t1;
      const rows = (list.value as { items: { id: string; sla: unknown }[] }).items;
      // A change pushed by a sync or a colleague names its requests: the queue fetches only those rows.
      const t2 = performance.now();
      await services.dispatch('listRequests', { view: 'incoming', only: rows.slice(0, 10).map((r) => r.id) });
      const patchMs = performance.now() - t2;
      services.close();
      if (!rows.some((r) => r.sla)) throw new Error('The bench share has no service levels: the seed is missing.');
      return { ms, listMs, patchMs, rows: rows.length, rssMb: rssMb() };
    }
    case 'search': {
      // Search's word index as the first start after a sync builds it from the local log (a few
      // seconds after start, in slices), then searches of the Incoming queue for words in
      // details and comments.
      const settingsFile = join(dataDir, 'settings.json');
      rmSync(join(dataLayout(dataDir).storeDir, 'text-index.bin'), { force: true });
      const services = openServices({ dataDir, settings: new JsonFileSettings(settingsFile), sync: false });
      const t0 = performance.now();
      await services.store.textIndex();
      const ms = performance.now() - t0;
      const times: number[] = [];
      let hits = 0;
      for (const query of ['friday', 'review', 'invoice review', 'laptop friday', 'nothing-like-this']) {
        const t1 = performance.now();
        const r = await services.dispatch('searchRequests', { query, view: 'incoming' });
        times.push(performance.now() - t1);
        if (!r.ok) throw new Error(r.error.message);
        hits += (r.value as { ids: string[] }).ids.length;
      }
      services.close(); // saves the index for the next start
      times.sort((a, b) => a - b);
      return { ms, queryMs: times[Math.floor(times.length / 2)]!, hits, rssMb: rssMb() };
    }
    case 'search-load': {
      // A later start: the index saved at quit, and the log lines after it (none here).
      const services = openServices({ dataDir, settings: new JsonFileSettings(join(dataDir, 'settings.json')), sync: false });
      const t0 = performance.now();
      await services.store.textIndex();
      const ms = performance.now() - t0;
      services.close();
      return { ms, rssMb: rssMb() };
    }
    case 'incremental': {
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId: 'bench-reader' });
      const engine = engineFor(store);
      await engine.syncNow(); // catch up first; what is timed is one new segment
      const device = 'bench-device-000';
      const target = store.requests().next().value!.id;
      const ms = await medianOf(
        Number(extra ?? 15),
        () => engine.syncNow(),
        () => appendSegment(share, device, store.maxSeq(device) + 1, 10, target),
      );
      store.close();
      return { ms, rssMb: rssMb() };
    }
    case 'full-scan': {
      // A sync that lists every log and packs folder (every 20th, and the first after a start), nothing new.
      const store = RequestStore.open({ dir: join(dataDir, 'store'), deviceId: 'bench-reader' });
      const engine = new SyncEngine({
        store,
        sharePath: () => share,
        identity: () => null,
        key: keyFromSeed('bench-reader'),
        watch: false,
        fullScanEvery: 1,
        snapshots: false,
      });
      await engine.syncNow();
      const ms = await medianOf(7, () => engine.syncNow());
      store.close();
      return { ms, rssMb: rssMb() };
    }
    case 'reviews': {
      // Reviews at scale (issue 18): the three months up to the newest request, on the data folder the warm phase left.
      const services = openServices({ dataDir, settings: new JsonFileSettings(join(dataDir, 'settings.json')), sync: false });
      const must = async <T>(method: string, input: object) => {
        const r = await services.dispatch(method, input);
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        return r.value as T;
      };
      // The floor: one pass over the queue index, reading each request's creation.
      const t0 = performance.now();
      let newest = '';
      for (const e of services.store.requests()) if (e.create!.hlc > newest) newest = e.create!.hlc;
      const floorMs = performance.now() - t0;
      const to = Date.parse(hlcToIso(newest)) + 1;
      const quarter = { from: new Date(to - 91 * 86_400_000).toISOString(), to: new Date(to).toISOString() };
      // The first review after a start, before the warm-up has computed any row, with the queue asked meanwhile.
      const t1 = performance.now();
      let queueMs = 0;
      const first = must<{ total: number; pairs: { from: string; to: string; count: number }[] }>('getReview', quarter);
      await services.dispatch('listRequests', { view: 'incoming' }).then(() => (queueMs = performance.now() - t1));
      const { total, pairs } = await first;
      const coldMs = performance.now() - t1;
      const matrixMs = await medianOf(5, () => must('getReview', quarter));
      const largest = [...pairs].sort((a, b) => b.count - a.count)[0]!;
      const cell = { ...quarter, requester: largest.from, provider: largest.to };
      const cellMs = await medianOf(5, () => must('getReviewRequests', cell));
      // A change naming 10 requests (a comment on each): their rows again, the rest as they were.
      const { rows } = await must<{ rows: { id: string; to: string }[] }>('getReviewRequests', { ...quarter, provider: 'Engineering' });
      const changedMs = await medianOf(
        5,
        () => must('getReview', quarter),
        () => {
          for (const r of rows.slice(0, 10))
            services.store.commit({ user: 'Bench', department: 'Engineering' }, {
              type: 'request.comment',
              target: r.id,
              fields: { body: 'Looked at it' },
            } as never);
        },
      );
      services.close();
      return { ms: matrixMs, floorMs, coldMs, queueMs, cellMs, changedMs, total, cellRows: largest.count, rssMb: rssMb() };
    }
    default:
      throw new Error(`unknown phase ${phase}`);
  }
}

/** The median time of `runs` runs of `timed`, each after an untimed `before`. */
async function medianOf(runs: number, timed: () => Promise<unknown>, before: () => void = () => undefined): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    before();
    const t0 = performance.now();
    await timed();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
