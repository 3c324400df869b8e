import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import { ShareLayout, segmentName } from '../../electron/sync/format/layout.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';
import { syncStatusLine } from '../../shared/core/syncStatus.js';
import type { SyncTuning } from '../../electron/services/compose.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { realShareFs } from '../../electron/sync/shareFs.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';
import { createOp } from '../helpers/ops.js';

const { cleanup, tempDir } = undoAfterEach();

/** A machine: the real services on their own data folder, syncing only when told to. */
async function machine(share: string, name: string, department: string): Promise<TestServices> {
  const s = startServices(tempDir('interdesk-machine-'), undefined, false);
  cleanup.push(() => s.close());
  await s.must('completeSetup', { name, department, sharePath: share });
  await s.sync.syncNow();
  return s;
}

/** Sam in Sales (A) and Eve in Engineering (B) on a fresh shared folder. */
async function salesAndEngineering() {
  const share = tempDir('interdesk-share-');
  const a = await machine(share, 'Sam', 'Sales');
  const b = await machine(share, 'Eve', 'Engineering');
  return { share, a, b };
}

/** Sam in Sales on a fresh shared folder, having sent `n` requests one segment each. */
async function historyOfSegments(n: number) {
  const share = tempDir('interdesk-share-');
  const a = await machine(share, 'Sam', 'Sales');
  for (let i = 0; i < n; i++) {
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
  }
  return { share, a };
}

/** The same machine (same data folder) started again with other sync settings. */
function restart(m: TestServices, tuning: SyncTuning): TestServices {
  m.close();
  const again = startServices(m.dataDir, undefined, tuning);
  cleanup.push(() => again.close());
  return again;
}

const sync = (...ms: TestServices[]) => Promise.all(ms.map((m) => m.sync.syncNow())).then(() => Promise.all(ms.map((m) => m.sync.syncNow())));

describe('two machines on one shared folder', () => {
  it('a request created on A appears in B’s Incoming queue, and B’s reply reaches A', async () => {
    const { a, b } = await salesAndEngineering();
    const { id } = await a.must('createRequest', laptopRequest());
    await sync(a, b);
    expect((await b.must('listRequests', { view: 'incoming' })).items.map((r) => r.id)).toEqual([id]);
    await b.must('changeStatus', { id, status: 'acknowledged' });
    await b.must('addComment', { id, body: 'Ordered' });
    await sync(b, a);
    expect(await a.must('getRequest', { id })).toMatchObject({ status: 'acknowledged', comments: [{ body: 'Ordered' }] });
    expect(stateDigest(a.store.operations())).toBe(stateDigest(b.store.operations()));
    expect(a.received.some((e) => e.name === 'requestsChanged' && e.payload.ids.includes(id))).toBe(true);
  });

  it('writes only new, immutable files under each device’s own folder, and no lock files', async () => {
    const share = tempDir('interdesk-share-');
    const a = await machine(share, 'Sam', 'Sales');
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    const layout = new ShareLayout(share);
    const first = readFileSync(layout.segmentPath(a.store.deviceId, 1));
    await a.must('createRequest', laptopRequest('IT'));
    await a.sync.syncNow();
    expect(readFileSync(layout.segmentPath(a.store.deviceId, 1))).toEqual(first);
    // Segment 1 holds operations 1 to 5: the configuration this first machine seeded the share with (HR's and Payroll's
    // confidential types with it), its lead role and its seal key.
    expect(readdirSync(layout.logDir(a.store.deviceId)).sort()).toEqual([segmentName(1), segmentName(6), segmentName(7)]);
    expect(JSON.parse(readFileSync(layout.formatFile, 'utf8'))).toMatchObject({ format: 'interdesk-share', major: 1 });
    expect(JSON.parse(readFileSync(layout.deviceFile(a.store.deviceId), 'utf8'))).toMatchObject({ user: 'Sam', department: 'Sales' });
    const all = readdirSync(layout.root, { recursive: true }).map(String);
    expect(all.filter((f) => /lock|\.tmp-/i.test(f))).toEqual([]);
  });

  it('a pull that changes more requests than an event can name tells the window to reload everything', async () => {
    const { share, b } = await salesAndEngineering();
    // Another machine's long offline stretch arrives at once: 750 new requests in three segments.
    const ops = Array.from({ length: 750 }, (_, i) =>
      createOp(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'dev-away', i + 1, Date.now() - 60_000 + i),
    );
    const log = new ShareLayout(share).logDir('dev-away');
    mkdirSync(log, { recursive: true });
    publishDevice(new ShareLayout(share), 'dev-away', keyFromSeed('dev-away'));
    for (let first = 1; first <= 750; first += 250)
      writeFileSync(join(log, segmentName(first)), encodeSegment('dev-away', ops.slice(first - 1, first + 249), keyFromSeed('dev-away').sign));
    b.received.length = 0;
    await b.sync.syncNow();
    expect(b.received.filter((e) => e.name === 'requestsChanged')).toEqual([{ name: 'requestsChanged', payload: { ids: [] } }]);
    expect((await b.must('listRequests', { view: 'incoming' })).total).toBe(750);
  });

  it('reads only the new segment, however long the history', async () => {
    const { share, a } = await historyOfSegments(30);
    const reads: string[] = [];
    const counting: ShareFs = { ...realShareFs, readFile: (p, max) => (reads.push(p), realShareFs.readFile(p, max)) };
    const b = await machine(share, 'Eve', 'Engineering');
    const bCounting = restart(b, { fs: counting, watch: false, fullScanEvery: 1_000 });
    await bCounting.sync.syncNow();
    await bCounting.sync.syncNow(); // the first cycle also does a full scan; measure a normal one
    // 30 requests, A's configuration seed with HR's and Payroll's confidential types, lead role and seal key, B's request to
    // join with its seal key, and A's admission of it.
    expect(bCounting.store.opCount).toBe(38);

    const next = a.store.flushedSeq + 1;
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    reads.length = 0;
    await bCounting.sync.syncNow();
    const segmentReads = reads.filter((p) => p.endsWith('.seg'));
    // The new segment, and the probe for the one after it (absent), plus B's own next name.
    expect(segmentReads.filter((p) => p.includes(a.store.deviceId))).toEqual([
      new ShareLayout(share).segmentPath(a.store.deviceId, next),
      new ShareLayout(share).segmentPath(a.store.deviceId, next + 1),
    ]);
    expect(bCounting.store.opCount).toBe(39);
  });

  it('offers as assignees the colleagues whose computers are on the share, before they have done anything', async () => {
    const share = tempDir('interdesk-share-');
    await machine(share, 'Eve', 'Engineering');
    const sam = await machine(share, 'Sam', 'Sales');
    const bob = await machine(share, 'Bob', 'Engineering');
    const { id } = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, bob);
    expect((await bob.must('listRequests', { view: 'incoming' })).members).toEqual(['Eve']);
    await bob.must('changeStatus', { id, status: 'acknowledged' });
    expect((await bob.must('getRequest', { id })).members).toEqual(['Bob', 'Eve']);
  });

  it('a first sync over a slow share reads several segments at once, not one after another', async () => {
    const { share } = await historyOfSegments(20);
    let inFlight = 0;
    let mostAtOnce = 0;
    const slow: ShareFs = {
      ...realShareFs,
      readFile: async (p, max) => {
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await realShareFs.readFile(p, max);
        } finally {
          inFlight--;
        }
      },
    };
    const b = startServices(tempDir('interdesk-machine-'), undefined, { fs: slow, watch: false });
    cleanup.push(() => b.close());
    await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
    await b.sync.syncNow();
    expect(b.store.opCount).toBe(28); // and the seed with its two confidential-type settings, A's lead role, B's request to join, their seal keys and B's admission
    expect(mostAtOnce).toBeGreaterThanOrEqual(4);
    // A pull of this many files says how far it is, then stops saying so.
    const statuses = b.received.flatMap((e) => (e.name === 'syncStatusChanged' ? [e.payload] : []));
    expect(statuses.some((st) => st.receiving?.of === 21 && syncStatusLine(st) === 'Receiving changes — 0 % of 21 files')).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'synced', receiving: null });
  });
});

describe('faults', () => {
  it('share missing: keeps working offline, counts what waits, drains on reconnect', async () => {
    const { share, a, b } = await salesAndEngineering();
    const { id } = await a.must('createRequest', laptopRequest());
    await sync(a, b);

    renameSync(share, `${share}.away`);
    await b.must('changeStatus', { id, status: 'acknowledged' });
    await b.must('addComment', { id, body: 'Offline note' });
    const offline = await b.must('syncNow', {});
    expect(offline).toMatchObject({ state: 'offline', pending: 2 });
    expect(offline.offlineSince).not.toBeNull();
    expect(offline.detail).toMatch(/not reachable/);

    renameSync(`${share}.away`, share);
    expect(await b.must('syncNow', {})).toMatchObject({ state: 'synced', pending: 0, offlineSince: null });
    await a.sync.syncNow();
    expect((await a.must('getRequest', { id })).status).toBe('acknowledged');
  });

  it('share emptied: treated as unavailable, never as “everything was deleted”', async () => {
    const share = tempDir('interdesk-share-');
    const a = await machine(share, 'Sam', 'Sales');
    const { id } = await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    rmSync(join(share, 'Interdesk'), { recursive: true });
    const status = await a.must('syncNow', {});
    expect(status).toMatchObject({ state: 'offline', detail: expect.stringMatching(/looks empty/) });
    expect(existsSync(join(share, 'Interdesk'))).toBe(false);
    expect((await a.must('getRequest', { id })).title).toBe('Laptop for Dana');
  });

  it('read-only share: reads still arrive, own changes wait, and the status says why', async () => {
    const { a, b } = await salesAndEngineering();
    await a.must('createRequest', laptopRequest());
    await sync(a, b);
    const denied = () => Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }));
    const readOnly: ShareFs = { ...realShareFs, writeNew: denied, mkdir: denied };
    const bro = restart(b, { fs: readOnly, watch: false });
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    await bro.must('addComment', { id: (await bro.must('listRequests', { view: 'incoming' })).items[0]!.id, body: 'Seen' });
    const status = await bro.must('syncNow', {});
    expect(status).toMatchObject({ state: 'read_only', pending: 1, detail: expect.stringMatching(/cannot write.*EROFS/) });
    expect((await bro.must('listRequests', { view: 'incoming' })).items).toHaveLength(2);
  });

  it('truncated, garbage and wrong-hash segments are not applied, reported when they stay bad, used once valid', async () => {
    const { share, a, b } = await salesAndEngineering();
    await a.must('createRequest', laptopRequest());
    await sync(a, b);
    await a.must('createRequest', laptopRequest());
    await a.must('createRequest', laptopRequest('Engineering'));
    const pending = a.store.pending();
    const good = encodeSegment(a.store.deviceId, pending, a.key.sign);
    const path = new ShareLayout(share).segmentPath(a.store.deviceId, a.store.flushedSeq + 1); // after what B has
    const held = b.store.opCount;

    const bad = [
      good.subarray(0, good.length - 20), // truncated
      Buffer.from('PK\x03\x04 not a segment at all'), // garbage
      Buffer.from(good.toString('utf8').replace('Laptop for Dana', 'Laptop for Dawn')), // wrong hash
    ];
    const strict = restart(b, { watch: false, reportAfterMs: 0 });
    for (const bytes of bad) {
      writeFileSync(path, bytes);
      const status = await strict.must('syncNow', {});
      expect(strict.store.opCount).toBe(held);
      expect(status.problems.join(' ')).toMatch(/cannot be used yet/);
    }
    writeFileSync(path, good);
    const status = await strict.must('syncNow', {});
    expect(strict.store.opCount).toBe(held + 2);
    expect(status.problems).toEqual([]);
  });

  it('conflict copies: identical ignored, valid merged by operation id, contradictory set aside and reported', async () => {
    const { share, a, b } = await salesAndEngineering();
    // A's next segment after setting up (its seed, its lead role, B's admission).
    const r = a.store.flushedSeq + 1;
    const name = (seq: number) => segmentName(seq).slice(0, 12);
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    const layout = new ShareLayout(share);
    const log = layout.logDir(a.store.deviceId);
    const one = readFileSync(layout.segmentPath(a.store.deviceId, r));
    // Syncthing's identical copy of A's first request's segment.
    writeFileSync(join(log, `${name(r)}.sync-conflict-20261123-101010-ABCDEFG.seg`), one);
    // The next segment exists only as a Dropbox conflict copy; the original is half-written.
    await a.must('createRequest', laptopRequest('IT'));
    const two = encodeSegment(a.store.deviceId, a.store.pending(), a.key.sign);
    writeFileSync(join(log, `${name(r + 1)} (Sam's conflicted copy 2026-11-23).seg`), two);
    writeFileSync(join(log, segmentName(r + 1)), two.subarray(0, 40));
    // A OneDrive copy of the first request's segment that contradicts it: same operation id, other content.
    const forged = JSON.parse(one.toString('utf8').split('\n')[1]!);
    forged.hlc = forged.hlc.replace(/^\d{15}/, (w: string) => String(Number(w) + 1).padStart(15, '0'));
    forged.fields.title = 'Forged';
    writeFileSync(join(log, `${name(r)}-DESKTOP-7Q2B.seg`), encodeSegment(a.store.deviceId, [forged], a.key.sign));

    const held = b.store.opCount;
    const status = await b.must('syncNow', {});
    expect(b.store.opCount).toBe(held + 2);
    expect((await b.must('listRequests', { view: 'incoming' })).items.map((r) => r.title)).toEqual(['Laptop for Dana']);
    expect(status.problems.filter((p) => /set aside/.test(p))).toEqual([expect.stringContaining(`${name(r)}-DESKTOP-7Q2B.seg`)]);
    expect(status.problems.join(' ')).not.toMatch(/sync-conflict/);
  });

  it('a machine cloned with its device id: the clone takes a new id and nothing is lost', async () => {
    const share = tempDir('interdesk-share-');
    const a = await machine(share, 'Sam', 'Sales');
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    a.close();
    const cloneDir = tempDir('interdesk-clone-');
    cpSync(a.dataDir, cloneDir, { recursive: true });
    // One frozen clock for both: their next operations get the same id AND the same HLC, so
    // only the content tells them apart.
    const frozen = Date.now();
    const original = startServices(a.dataDir, () => frozen, false);
    const clone = startServices(cloneDir, () => frozen, false);
    cleanup.push(
      () => original.close(),
      () => clone.close(),
    );
    expect(clone.store.deviceId).toBe(original.store.deviceId);

    await original.must('createRequest', { ...laptopRequest(), title: 'From the original' });
    await clone.must('createRequest', { ...laptopRequest(), title: 'From the clone' });
    await original.sync.syncNow();
    const status = await clone.must('syncNow', {});
    expect(clone.store.deviceId).not.toBe(original.store.deviceId);
    expect(status.problems.join(' ')).toMatch(/Another computer was writing as this one/);
    expect((await clone.must('getSession', {})).deviceId).toBe(clone.store.deviceId);
    await sync(original, clone);
    const titles = async (m: TestServices) => (await m.must('listRequests', { view: 'outgoing' })).items.map((r) => r.title).sort();
    expect(await titles(original)).toEqual(['From the clone', 'From the original', 'Laptop for Dana']);
    expect(await titles(clone)).toEqual(await titles(original));
    expect(stateDigest(clone.store.operations())).toBe(stateDigest(original.store.operations()));
    // The clone keeps its new id after a restart.
    const id = clone.store.deviceId;
    const reopened = clone.reopen();
    cleanup.push(() => reopened.close());
    expect(reopened.store.deviceId).toBe(id);
  });

  it('a share from a newer format: read-only with a message, nothing written', async () => {
    const share = tempDir('interdesk-share-');
    const a = await machine(share, 'Sam', 'Sales');
    await a.sync.syncNow();
    const layout = new ShareLayout(share);
    writeFileSync(layout.formatFile, JSON.stringify({ ...JSON.parse(readFileSync(layout.formatFile, 'utf8')), major: 2 }));
    await a.must('createRequest', laptopRequest());
    const status = await a.must('syncNow', {});
    expect(status).toMatchObject({ state: 'newer_format', pending: 1, detail: expect.stringMatching(/newer Interdesk/) });
    // Only the configuration seed, written before the share changed format.
    expect(readdirSync(layout.logDir(a.store.deviceId))).toEqual([segmentName(1)]);
  });

  it('a segment from a newer format is not applied and is reported', async () => {
    const { share, a, b } = await salesAndEngineering();
    await a.must('createRequest', laptopRequest());
    const seg = encodeSegment(a.store.deviceId, a.store.pending(), a.key.sign).toString('utf8').replace('"v":1', '"v":2');
    const layout = new ShareLayout(share);
    const next = a.store.flushedSeq + 1;
    await a.sync.syncNow();
    writeFileSync(layout.segmentPath(a.store.deviceId, next), seg);
    const held = b.store.opCount;
    const strict = restart(b, { watch: false, reportAfterMs: 0 });
    const status = await strict.must('syncNow', {});
    expect(strict.store.opCount).toBe(held);
    expect(status.problems.join(' ')).toMatch(/newer Interdesk.*update Interdesk/);
  });

  it('a local clock years off is corrected from the share’s file times, and said', async () => {
    const share = tempDir('interdesk-share-');
    const yearsAhead = 3 * 365 * 86_400_000;
    const skewed = startServices(tempDir('interdesk-skew-'), () => Date.now() + yearsAhead, false);
    cleanup.push(() => skewed.close());
    await skewed.must('completeSetup', { name: 'Tim', department: 'IT', sharePath: share });
    const status = await skewed.must('syncNow', {});
    expect(status.clockSkewMs).toBeGreaterThan(yearsAhead - 60_000);
    // From the first contact with the share on, new operations carry its time, not the local clock's.
    const { id } = await skewed.must('createRequest', laptopRequest());
    const created = Date.parse((await skewed.must('getRequest', { id })).createdAt);
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
  });

  it('concurrent edits of one field converge, and the losing value stays in the history', async () => {
    const { a, b } = await salesAndEngineering();
    const { id } = await a.must('createRequest', laptopRequest());
    await sync(a, b);
    await b.must('changeStatus', { id, status: 'acknowledged' });
    await a.must('changeStatus', { id, status: 'cancelled', note: 'Not needed any more' });
    await sync(a, b);
    const [da, db] = [await a.must('getRequest', { id }), await b.must('getRequest', { id })];
    expect(da).toEqual(db);
    expect(
      da.history
        .filter((h) => h.kind === 'status')
        .map((h) => h.kind === 'status' && h.to)
        .sort(),
    ).toEqual(['acknowledged', 'cancelled']);
  });
});
