import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import { DeviceDirectory } from '../../electron/sync/devices.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { MAX_PACK_BYTES } from '../../electron/sync/format/limits.js';
import { encodePack, packName } from '../../electron/sync/format/pack.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';
import type { Operation } from '../../shared/ops/operations.js';
import { KEEP_PACKED_SEGMENTS_MS, MERGE_FANIN, PACK_AFTER_SEGMENTS, Packer } from '../../electron/sync/packer.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { saveRequest, storeMachine } from '../helpers/storeMachine.js';
import { READ_AHEAD_BYTES } from '../../electron/sync/operationFiles.js';
import { memoryShareFs } from '../helpers/memoryShareFs.js';
import { undoAfterEach } from '../helpers/undo.js';
import { keyFromSeed } from '../helpers/keys.js';

const { cleanup, tempDir } = undoAfterEach();
const SHARE = '/share';
const layout = new ShareLayout(SHARE);
const DAY = 86_400_000;
type Share = ReturnType<typeof memoryShareFs>;

/** The time every machine in a test sees; tests move it on by days. */
function clock(start = Date.parse('2026-11-02T09:00:00Z')) {
  let now = start;
  return { now: () => now, pass: (ms: number) => void (now += ms) };
}

/** A machine: its own local store, syncing through the in-memory share, every cycle a full scan unless told otherwise. */
function machine(fs: ShareFs, now: () => number, options: { fullScanEvery?: number; deviceId?: string } = {}) {
  const m = storeMachine({ share: SHARE, dir: tempDir('interdesk-store-'), fs, now, snapshots: false, fullScanEvery: 1, ...options });
  cleanup.push(() => m.stop());
  return m;
}
type Machine = ReturnType<typeof machine>;

const create = (m: Machine, title: string) => saveRequest(m.store, title);

/** `n` saves, each its own segment, as a person working all day writes them. */
async function saves(m: Machine, n: number, label = 'Save') {
  for (let i = 0; i < n; i++) {
    create(m, `${label} ${i + 1}`);
    await m.engine.syncNow();
  }
}

const names = (fs: Share, dir: string) => [...fs.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
const segments = (fs: Share, device: string) => names(fs, layout.logDir(device)).sort();
const packs = (fs: Share, device: string) => names(fs, layout.packsDir(device)).sort();

/** A share whose reads are counted by file, to see which files a reader opened. */
function counted(fs: Share) {
  const reads: string[] = [];
  return { reads, fs: { ...fs, readFile: (path: string, max: number) => (reads.push(path), fs.readFile(path, max)) } as ShareFs };
}

/** A share whose file times are the machines' own time, as on a synced folder. */
async function share(now: () => number) {
  const fs = memoryShareFs(now);
  await fs.mkdir(SHARE);
  return fs;
}

describe('packs: a device rolls its own small segments into one file (docs/sync.md §Packs)', () => {
  it('packs once enough segments follow its last pack, and a new machine reads the pack and the segments after it, as two batches', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await saves(a, PACK_AFTER_SEGMENTS + 6);
    expect(packs(fs, a.store.deviceId)).toEqual([packName({ first: 1, last: PACK_AFTER_SEGMENTS })]);
    // Nothing is removed while the pack is new.
    expect(segments(fs, a.store.deviceId)).toHaveLength(PACK_AFTER_SEGMENTS + 6);

    const { reads, fs: watched } = counted(fs);
    const b = machine(watched, t.now);
    await b.engine.syncNow();
    expect(stateDigest(b.store.operations())).toBe(stateDigest(a.store.operations()));
    const opened = reads.filter((p) => p.startsWith(layout.deviceDir(a.store.deviceId)) && !p.endsWith('.json') && fs.files.has(p));
    expect(opened).toHaveLength(1 + 6);
    // One log line for the pack, one for the six segments read in a row after it.
    expect(b.store.lineCount).toBe(2);
  });

  it('removes packed segments a week after packing, only once every device on the share says it reads packs', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    const b = machine(fs, t.now);
    await b.engine.syncNow();
    await saves(a, PACK_AFTER_SEGMENTS + 2);
    t.pass(KEEP_PACKED_SEGMENTS_MS - DAY);
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toHaveLength(PACK_AFTER_SEGMENTS + 2);

    // A machine on the previous build has a folder and a device.json, and no word on packs: nothing goes.
    const old = 'previous-build-device';
    await fs.mkdir(layout.logDir(old));
    await fs.writeNew(layout.deviceFile(old), Buffer.from('{"deviceId":"previous-build-device","user":"Old","department":"IT"}'));
    t.pass(2 * DAY);
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toHaveLength(PACK_AFTER_SEGMENTS + 2);

    // Updated, it says so: the packed segments go, the two after the pack stay.
    await fs.mkdir(`${layout.deviceDir(old)}/features`);
    await fs.writeNew(layout.featureFile(old, 'packs'), Buffer.from('\n'));
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toEqual(['000000000065.seg', '000000000066.seg']);
    await b.engine.syncNow();
    expect(stateDigest(b.store.operations())).toBe(stateDigest(a.store.operations()));
  });

  it('a packed segment the share will not let go of (a virus scanner holds it) leaves the sync synced; it goes on a later full scan', async () => {
    const t = clock();
    const fs = await share(t.now);
    let held = true;
    const busy: ShareFs = { ...fs, unlink: (p) => (held ? Promise.reject(Object.assign(new Error('busy'), { code: 'EBUSY' })) : fs.unlink(p)) };
    const a = machine(busy, t.now);
    await saves(a, PACK_AFTER_SEGMENTS);
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    expect((await a.engine.syncNow()).state).toBe('synced');
    expect(segments(fs, a.store.deviceId)).toHaveLength(PACK_AFTER_SEGMENTS);
    held = false;
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toEqual([]);
  });

  it('a reader months behind, whose next segments were removed, finds them in the pack on its first sync after it starts', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await saves(a, 10, 'Before');
    const readerDir = tempDir('interdesk-reader-');
    const readerId = randomUUID();
    const open = () => {
      const store = RequestStore.open({ dir: readerDir, deviceId: readerId, now: t.now });
      const engine = new SyncEngine({
        store,
        fs,
        now: t.now,
        sharePath: () => SHARE,
        identity: () => null,
        key: keyFromSeed(readerId),
        watch: false,
        snapshots: false,
      });
      return { store, engine };
    };
    const away = open();
    await away.engine.syncNow();
    expect(away.store.maxSeq(a.store.deviceId)).toBe(10);
    away.engine.stop();
    away.store.close();

    await saves(a, PACK_AFTER_SEGMENTS, 'While away');
    t.pass(90 * DAY);
    await a.engine.syncNow();
    // Operations 11 to 64 are in the pack only; 65 to 74 still have their segments.
    expect(segments(fs, a.store.deviceId)[0]).toBe('000000000065.seg');

    const back = open();
    cleanup.push(() => {
      back.engine.stop();
      back.store.close();
    });
    await back.engine.syncNow();
    expect(back.store.maxSeq(a.store.deviceId)).toBe(10 + PACK_AFTER_SEGMENTS);
    expect(stateDigest(back.store.operations())).toBe(stateDigest(a.store.operations()));
  });

  it('a running reader whose share was away meets the packs on the first sync after it is back', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    let reachable = true;
    const flaky: ShareFs = {
      ...fs,
      readdir: (p) => (reachable ? fs.readdir(p) : Promise.reject(Object.assign(new Error('gone'), { code: 'ENOTCONN' }))),
      readFile: (p, max) => (reachable ? fs.readFile(p, max) : Promise.reject(Object.assign(new Error('gone'), { code: 'ENOTCONN' }))),
    };
    // Full scans only every thousandth cycle: what finds the packs here is having been away.
    const reader = machine(flaky, t.now, { fullScanEvery: 1_000 });
    await saves(a, 3, 'Before');
    await reader.engine.syncNow();
    reachable = false;
    expect((await reader.engine.syncNow()).state).toBe('offline');
    await saves(a, PACK_AFTER_SEGMENTS, 'While away');
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toEqual(['000000000065.seg', '000000000066.seg', '000000000067.seg']);
    reachable = true;
    await reader.engine.syncNow();
    expect(reader.store.maxSeq(a.store.deviceId)).toBe(3 + PACK_AFTER_SEGMENTS);
  });

  it('two machines packing while a third reads: the reader ends with every operation once', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    const b = machine(fs, t.now);
    const c = machine(fs, t.now);
    for (let i = 0; i < PACK_AFTER_SEGMENTS + 20; i++) {
      create(a, `A ${i}`);
      create(b, `B ${i}`);
      // All three cycles at once: packing, removing and reading interleave at every await.
      await Promise.all([a.engine.syncNow(), b.engine.syncNow(), c.engine.syncNow()]);
      if (i % 30 === 29) t.pass(KEEP_PACKED_SEGMENTS_MS);
    }
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await Promise.all([a.engine.syncNow(), b.engine.syncNow(), c.engine.syncNow()]);
    await c.engine.syncNow();
    expect(packs(fs, a.store.deviceId).length).toBeGreaterThan(0);
    expect(packs(fs, b.store.deviceId).length).toBeGreaterThan(0);
    const all = [
      ...a.store.operations().filter((op) => op.id.startsWith(a.store.deviceId)),
      ...b.store.operations().filter((op) => op.id.startsWith(b.store.deviceId)),
    ];
    expect(c.store.opCount).toBe(all.length);
    expect(stateDigest(c.store.operations())).toBe(stateDigest(all));
  });

  it('a pack over its size limit is measured, not read, and reported; the segments it would hold are read instead', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now, { fullScanEvery: 1_000 });
    await saves(a, 3);
    const device = a.store.deviceId;
    await fs.mkdir(layout.packsDir(device));
    await fs.writeNew(layout.packPath(device, packName({ first: 1, last: 3 })), Buffer.alloc(MAX_PACK_BYTES + 1, 0x20));
    const b = machine(fs, t.now);
    const status = await b.engine.syncNow();
    expect(b.store.maxSeq(device)).toBe(3);
    expect(status.problems.join('\n')).toMatch(/000000000001-000000000003\.pack.*more than the 16,777,216/);
  });

  it('a pack larger than reading ahead allows is read in full when its turn comes', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    const long = 'x'.repeat(90_000);
    for (let i = 0; i < PACK_AFTER_SEGMENTS; i++) {
      const op = saveRequest(a.store, `Long ${i}`);
      a.store.commit({ user: 'Sam', department: 'Sales' }, { type: 'request.comment', target: op.target, fields: { body: long } });
      await a.engine.syncNow();
    }
    const [name] = packs(fs, a.store.deviceId);
    const path = layout.packPath(a.store.deviceId, name!);
    expect(fs.files.get(path)!.length).toBeGreaterThan(READ_AHEAD_BYTES);
    const { reads, fs: watched } = counted(fs);
    const b = machine(watched, t.now);
    await b.engine.syncNow();
    expect(b.store.maxSeq(a.store.deviceId)).toBe(2 * PACK_AFTER_SEGMENTS);
    expect(reads.filter((p) => p === path)).toHaveLength(2); // ahead, allowed 4 MB; then in full
  });

  it('a sync tool’s conflict copy of a pack is not read, even when it contradicts the pack', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await saves(a, PACK_AFTER_SEGMENTS);
    const device = a.store.deviceId;
    const name = packName({ first: 1, last: PACK_AFTER_SEGMENTS });
    const forged = a.store
      .operations()
      .filter((op) => op.id.startsWith(device))
      .map((op) => Buffer.from(`${JSON.stringify({ ...op, fields: { ...op.fields, title: 'Forged' } })}\n`));
    await fs.writeNew(
      `${layout.packsDir(device)}/${name.replace('.pack', '.sync-conflict-20261123-101010-ABCDEFG.pack')}`,
      encodePack(device, 1, forged, t.now(), a.key.sign),
    );
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await a.engine.syncNow();
    const b = machine(fs, t.now);
    await b.engine.syncNow();
    expect(stateDigest(b.store.operations())).toBe(stateDigest(a.store.operations()));
    expect([...b.store.requests()].some((r) => r.create?.fields.title === 'Forged')).toBe(false);
  });

  it('merges its small packs into one, removes what that one holds a week later, and a reader opens one file', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now, { fullScanEvery: 1_000 });
    await a.engine.syncNow();
    // A busy desk's saves, each its own one-operation segment, written as its engine would.
    const device = a.store.deviceId;
    const total = PACK_AFTER_SEGMENTS * MERGE_FANIN;
    const packer = new Packer(fs, a.store, new DeviceDirectory(fs, t.now, a.store), a.key.sign);
    for (let i = 0; i < total; i++) {
      const op = create(a, `Save ${i + 1}`);
      await fs.writeNew(layout.segmentPath(device, i + 1), encodeSegment(device, [op], a.key.sign));
      a.store.markFlushed(i + 1);
      // A full scan now and then packs what has come since the last.
      if ((i + 1) % PACK_AFTER_SEGMENTS === 0) await packer.run(layout, [device]);
    }
    expect(packs(fs, device)).toHaveLength(MERGE_FANIN + 1);
    expect(packs(fs, device)).toContain(packName({ first: 1, last: total }));
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await packer.run(layout, [device]);
    expect(packs(fs, device)).toEqual([packName({ first: 1, last: total })]);
    expect(segments(fs, device)).toEqual([]);
    const { reads, fs: watched } = counted(fs);
    const b = machine(watched, t.now);
    await b.engine.syncNow();
    expect(b.store.maxSeq(device)).toBe(total);
    expect(reads.filter((p) => p.startsWith(layout.deviceDir(device)) && fs.files.has(p) && !p.endsWith('.json'))).toHaveLength(1);
  });

  it('never packs a segment under its id that is not its own (a sync tool kept a clone’s version of the name)', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now, { fullScanEvery: 1_000 });
    await saves(a, PACK_AFTER_SEGMENTS + 6);
    const device = a.store.deviceId;
    const ten = a.store.operations().find((op) => op.id === `${device}:10`)!;
    const path = layout.segmentPath(device, 10);
    fs.files.set(path, encodeSegment(device, [{ ...ten, fields: { ...ten.fields, title: 'The clone’s' } } as Operation], a.key.sign));
    await new Packer(fs, a.store, new DeviceDirectory(fs, t.now, a.store), a.key.sign).run(layout, [device]);
    expect(packs(fs, device)).toEqual([packName({ first: 1, last: 9 })]);
  });

  it('a crafted name in its packs folder that claims what it never wrote does not stop it packing', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await a.engine.syncNow();
    const device = a.store.deviceId;
    await fs.mkdir(layout.packsDir(device));
    await fs.writeNew(layout.packPath(device, packName({ first: 1, last: 999_999_999 })), Buffer.from('not a pack'));
    await saves(a, PACK_AFTER_SEGMENTS);
    expect(packs(fs, device)).toContain(packName({ first: 1, last: PACK_AFTER_SEGMENTS }));
  });

  it('junk under a pack’s name where its next operation would be is read once, not on every save', async () => {
    const t = clock();
    const base = await share(t.now);
    const { reads, fs } = counted(base);
    const a = machine(fs, t.now, { fullScanEvery: 1_000 });
    const device = a.store.deviceId;
    const junk = layout.packPath(device, packName({ first: 1, last: 5 }));
    await base.mkdir(layout.packsDir(device));
    await base.writeNew(junk, Buffer.from('not a pack'));
    await saves(a, 3);
    expect(segments(base, device)).toHaveLength(3);
    expect(reads.filter((p) => p === junk)).toHaveLength(1);
  });

  it('a crafted pack name reaching further than a real pack does not hide it from a reader whose segments are gone', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await saves(a, PACK_AFTER_SEGMENTS);
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await a.engine.syncNow();
    const device = a.store.deviceId;
    expect(segments(fs, device)).toEqual([]);
    await fs.writeNew(layout.packPath(device, packName({ first: 1, last: 999_999 })), Buffer.from('not a pack'));
    const b = machine(fs, t.now);
    await b.engine.syncNow();
    expect(b.store.maxSeq(device)).toBe(PACK_AFTER_SEGMENTS);
  });

  it('a machine that lost its data folder but kept its id meets its packed history and takes a new id', async () => {
    const t = clock();
    const fs = await share(t.now);
    const a = machine(fs, t.now);
    await saves(a, PACK_AFTER_SEGMENTS);
    const b = machine(fs, t.now);
    await b.engine.syncNow();
    t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
    await a.engine.syncNow();
    expect(segments(fs, a.store.deviceId)).toEqual([]);
    // The same id on an empty data folder: its first change must not be written as operation 1 again.
    const again = machine(fs, t.now, { deviceId: a.store.deviceId });
    create(again, 'After the disk was replaced');
    await again.engine.syncNow();
    expect(again.store.deviceId).not.toBe(a.store.deviceId);
    await b.engine.syncNow();
    expect([...b.store.requests()].some((r) => r.create?.fields.title === 'After the disk was replaced')).toBe(true);
    expect(b.store.maxSeq(a.store.deviceId)).toBe(PACK_AFTER_SEGMENTS);
  });
});

describe('packing cut off at every step (the share as a killed process leaves it)', () => {
  it('loses and doubles no operation, and every reader still finds every operation', async () => {
    const t = clock();
    const base = await share(t.now);
    const a = machine(base, t.now);
    await saves(a, PACK_AFTER_SEGMENTS + 3);
    // Start from the share before any pack: the packer's own run is what is cut off.
    for (const p of names(base, layout.packsDir(a.store.deviceId))) base.files.delete(`${layout.packsDir(a.store.deviceId)}/${p}`);
    const before = new Map(base.files);
    const devices = [a.store.deviceId];
    let steps = 0;
    for (let kill = 1; ; kill++) {
      const fs = memoryShareFs(t.now);
      for (const [p, bytes] of before) await fs.mkdir(p.slice(0, p.lastIndexOf('/'))).then(() => fs.writeNew(p, bytes));
      const killed = dying(fs, kill);
      const start = t.now();
      let finished = false;
      try {
        await new Packer(killed, a.store, new DeviceDirectory(killed, t.now, a.store), a.key.sign).run(layout, devices);
        t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
        await new Packer(killed, a.store, new DeviceDirectory(killed, t.now, a.store), a.key.sign).run(layout, devices);
        finished = true;
      } catch (err) {
        if (!(err instanceof Killed)) throw err;
      }
      // Whatever the step, a fresh reader finds every operation, once.
      const reader = machine(fs, t.now);
      await reader.engine.syncNow();
      expect(reader.store.opCount, `killed at step ${kill}`).toBe(a.store.opCount);
      expect(stateDigest(reader.store.operations())).toBe(stateDigest(a.store.operations()));
      // A restarted machine finishes the job: packs what is left, and a week later removes.
      for (let run = 0; run < 2; run++) {
        await new Packer(fs, a.store, new DeviceDirectory(fs, t.now, a.store), a.key.sign).run(layout, devices);
        t.pass(KEEP_PACKED_SEGMENTS_MS + DAY);
      }
      await new Packer(fs, a.store, new DeviceDirectory(fs, t.now, a.store), a.key.sign).run(layout, devices);
      expect(packs(fs, a.store.deviceId).filter((n) => n.endsWith('.pack'))).toEqual([packName({ first: 1, last: PACK_AFTER_SEGMENTS + 3 })]);
      expect(segments(fs, a.store.deviceId)).toEqual([]);
      const late = machine(fs, t.now);
      await late.engine.syncNow();
      expect(stateDigest(late.store.operations())).toBe(stateDigest(a.store.operations()));
      t.pass(start - t.now());
      if (finished) break;
      steps = kill;
    }
    expect(steps).toBeGreaterThan(PACK_AFTER_SEGMENTS);
  });
});

class Killed extends Error {}

/**
 * The share as a process sees it until it is killed at its `at`-th change: a file being written
 * is left as its temporary file, and nothing after that happens.
 */
function dying(fs: Share, at: number): ShareFs {
  let changes = 0;
  let dead = false;
  const step = () => {
    if (dead) throw new Killed();
    if (++changes === at) {
      dead = true;
      return true;
    }
    return false;
  };
  return {
    ...fs,
    readFile: (p, max) => (dead ? Promise.reject(new Killed()) : fs.readFile(p, max)),
    readdir: (p) => (dead ? Promise.reject(new Killed()) : fs.readdir(p)),
    async mkdir(p) {
      if (step()) throw new Killed();
      return fs.mkdir(p);
    },
    async writeNew(p, bytes) {
      if (step()) {
        await fs.writeNew(`${p.slice(0, p.lastIndexOf('/'))}/.tmp-killed`, bytes);
        throw new Killed();
      }
      return fs.writeNew(p, bytes);
    },
    async unlink(p) {
      if (step()) throw new Killed();
      return fs.unlink(p);
    },
  };
}
