import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SyncTuning } from '../../electron/services/compose.js';
import { stateDigest } from '../../electron/store/digest.js';
import { ShareLayout, segmentName } from '../../electron/sync/format/layout.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import type { ConfigOperation } from '../../shared/ops/operations.js';
import type { ShareSnapshot } from '../../electron/sync/format/shareSnapshot.js';
import { decodeSnapshot, encodeSnapshot, snapshotName } from '../../electron/sync/format/shareSnapshot.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { realShareFs } from '../../electron/sync/shareFs.js';
import type { TestServices } from '../helpers/services.js';
import { admitKey, startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';
import { commentOp, createOp } from '../helpers/ops.js';
import { asLines, writeCraftedSegment } from '../helpers/hostileShare.js';

const { cleanup, tempDir } = undoAfterEach();

/** A machine whose sync runs only when told to (the first cycle aside). */
async function machine(share: string, name: string, department: string, tuning: SyncTuning = {}): Promise<TestServices> {
  const s = startServices(tempDir('interdesk-machine-'), undefined, { pollMs: 3_600_000, watch: false, ...tuning });
  cleanup.push(() => s.close());
  await s.must('completeSetup', { name, department, sharePath: share });
  await s.sync.syncNow();
  return s;
}

/** A share fs that records what is read. */
function recordingFs(reads: string[]): ShareFs {
  return { ...realShareFs, readFile: (path, max) => (reads.push(path), realShareFs.readFile(path, max)) };
}

/**
 * Sam in Sales (A) and Eve in Engineering (B), with a history of several segments each: requests,
 * statuses, replies and internal notes, an assignment, a priority, a link and a new department.
 */
async function busyShare() {
  const share = tempDir('interdesk-share-');
  const a = await machine(share, 'Sam', 'Sales');
  const b = await machine(share, 'Eve', 'Engineering');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await a.must('createRequest', { ...laptopRequest(), title: `Laptop ${i}` })).id);
    ids.push((await a.must('createRequest', { ...laptopRequest(), title: `Monitor ${i}` })).id);
    await a.sync.syncNow();
  }
  await b.sync.syncNow();
  await b.must('changeStatus', { id: ids[0]!, status: 'acknowledged' });
  await b.must('addComment', { id: ids[0]!, body: 'Ordered' });
  await b.sync.syncNow();
  await b.must('addComment', { id: ids[1]!, body: 'Check the budget first', internal: true });
  await b.must('assignRequest', { id: ids[1]!, assignee: 'Eve' });
  await b.must('changePriority', { id: ids[2]!, priority: 'P1' });
  await a.must('addDepartment', { name: 'Legal' }); // an admin: the share's creator
  await b.sync.syncNow();
  await a.sync.syncNow();
  await a.must('linkRequest', { id: ids[3]!, kind: 'duplicate', other: ids[2]!, linked: true });
  await a.must('addComment', { id: ids[0]!, body: 'Thanks!' });
  await a.sync.syncNow();
  await b.sync.syncNow();
  return { share, a, b, ids };
}

/**
 * Everything a user of `m` sees of the requests: the queues and every request whole (but whom
 * it can be assigned to, which counts the other machines on the share, not the user).
 */
async function seen(m: TestServices, ids: string[]) {
  return {
    incoming: (await m.must('listRequests', { view: 'incoming' })).items,
    outgoing: (await m.must('listRequests', { view: 'outgoing' })).items,
    details: await Promise.all(ids.map(async (id) => ({ ...(await m.must('getRequest', { id })), members: [] }))),
    departments: (await m.must('getSession', {})).departments,
  };
}

/** `b` writes a share snapshot, and the file is then written again as `change` makes it (checksums and all): as another build or a tamperer would. */
async function rewrittenSnapshot(share: string, b: TestServices, change: (s: ShareSnapshot) => Parameters<typeof encodeSnapshot>[0]): Promise<void> {
  const name = await b.sync.writeSnapshot();
  const path = join(new ShareLayout(share).snapshotsDir, name!);
  const decoded = await decodeSnapshot(readFileSync(path), name!, b.key.publicKey);
  if (!decoded.ok) throw new Error(decoded.reason);
  writeFileSync(path, Buffer.concat([...encodeSnapshot(change(decoded.snapshot), b.key.sign)]));
}

const snapshotsOf = (share: string) => (existsSync(new ShareLayout(share).snapshotsDir) ? readdirSync(new ShareLayout(share).snapshotsDir) : []);

describe('share snapshots', () => {
  it('a joining machine takes the snapshot’s queue, copies the history, and ends where reading everything ends', async () => {
    const { share, a, b, ids } = await busyShare();
    const name = await a.sync.writeSnapshot();
    expect(name).toBe(`${String(a.store.opCount).padStart(12, '0')}-${a.store.deviceId}.snap`);
    expect(snapshotsOf(share)).toEqual([name]);
    // After the snapshot: a reply and a new request, which the joining machine reads as usual.
    await b.must('addComment', { id: ids[4]!, body: 'On its way' });
    ids.push((await b.must('createRequest', { ...laptopRequest('Sales'), title: 'Desk' })).id);
    await b.sync.syncNow();

    const reads: string[] = [];
    const joined = await machine(share, 'Joe', 'Engineering', { fs: recordingFs(reads) });
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(reads).toContain(join(new ShareLayout(share).snapshotsDir, name!));
    expect(await joined.store.audited).toEqual({ sound: true });

    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect(stateDigest(joined.store.operations())).toBe(stateDigest(replayed.store.operations()));
    // The queue entries of requests untouched since are the writer's, line numbers and all (after
    // one: this machine's own request to join the roster, written as it joined, is its first line).
    const writer = a.store.index.entry(ids[5]!)!;
    expect(joined.store.index.entry(ids[5]!)).toEqual({ ...writer, lines: writer.lines.map((line) => line + 1) });

    // Joined, it syncs like any machine: its change reaches the others, theirs reach it.
    await joined.must('changeStatus', { id: ids[1]!, status: 'acknowledged' });
    await joined.sync.syncNow();
    await a.must('addComment', { id: ids[1]!, body: 'Any news?' });
    await a.sync.syncNow();
    await Promise.all([joined.sync.syncNow(), replayed.sync.syncNow()]);
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));

    // Engineering's notes are sealed: a member's computer seals the department's key to Joe once it sees him admitted.
    await b.sync.syncNow();
    await b.sync.syncNow();
    await joined.sync.syncNow();

    // And it starts again from its own data without the share.
    const again = joined.reopen();
    cleanup.push(() => again.close());
    const reopened = await again.must('getRequest', { id: ids[1]! });
    expect([reopened.status, reopened.notes.map((c) => c.body), reopened.comments.map((c) => c.body)]).toEqual([
      'acknowledged',
      ['Check the budget first'],
      ['Any news?'],
    ]);
  });

  it('a line of the writer’s log that two segment files share is put together from both', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales'); // sets the share up: its format and configuration
    await admitKey(sam, keyFromSeed('dev-w').publicKey, 'Engineering');
    // dev-w flushed a batch of two across a segment boundary: its segments hold 1..2 and 3, its log 1 and 2..3.
    const [r1, r2] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    // After its admission: what a device does counts from then on.
    const at = Date.now();
    const ops = [createOp(r1, 'dev-w', 1, at), createOp(r2, 'dev-w', 2, at + 1_000, 'Monitor'), commentOp(r1, 'dev-w', 3, at + 2_000, 'On its way')];
    const log = new ShareLayout(share).logDir('dev-w');
    mkdirSync(log, { recursive: true });
    publishDevice(new ShareLayout(share), 'dev-w', keyFromSeed('dev-w'));
    writeFileSync(join(log, segmentName(1)), encodeSegment('dev-w', ops.slice(0, 2), keyFromSeed('dev-w').sign));
    writeFileSync(join(log, segmentName(3)), encodeSegment('dev-w', ops.slice(2), keyFromSeed('dev-w').sign));
    const lines: [string, number, number][] = [
      ['dev-w', 1, 1],
      ['dev-w', 2, 3],
    ];
    const index = new QueueIndex();
    index.apply(ops[0]!, 0);
    index.apply(ops[1]!, 1);
    index.apply(ops[2]!, 1);
    const snapshot = { device: 'dev-w', opCount: 3, lines, people: index.dumpPeople(), clock: ops[2]!.hlc, entries: index.dump() };
    mkdirSync(new ShareLayout(share).snapshotsDir, { recursive: true });
    writeFileSync(join(new ShareLayout(share).snapshotsDir, snapshotName(3, 'dev-w')), Buffer.concat([...encodeSnapshot(snapshot, keyFromSeed('dev-w').sign)]));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanup.push(() => warn.mockRestore());

    const joined = await machine(share, 'Joe', 'Engineering');
    expect(warn).not.toHaveBeenCalled();
    expect(joined.store.line(1).map((op) => op.id)).toEqual(['dev-w:2', 'dev-w:3']);
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, [r1, r2])).toEqual(await seen(replayed, [r1, r2]));
    expect((await joined.must('getRequest', { id: r1 })).comments.map((c) => c.body)).toEqual(['On its way']);
  });

  it('a snapshot that is cut off, garbage or newer is passed over, and the machine reads the share instead', async () => {
    const { share, b, ids } = await busyShare();
    const name = (await b.sync.writeSnapshot())!;
    const dir = new ShareLayout(share).snapshotsDir;
    const bytes = readFileSync(join(dir, name));
    writeFileSync(join(dir, name), bytes.subarray(0, bytes.length - 7));
    // Named as if they covered more, so they are tried first.
    writeFileSync(join(dir, name.replace(/^\d{12}/, '000000999999')), 'garbage\n');
    writeFileSync(join(dir, name.replace(/^\d{12}/, '000000999998')), bytes.toString().replace('"v":1', '"v":9'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanup.push(() => warn.mockRestore());

    const joined = await machine(share, 'Joe', 'Engineering');
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect(joined.sync.current).toMatchObject({ state: 'synced', problems: [] });
    expect(warn.mock.calls.map(([message]) => String(message).replace(/^.*passed over: /, ''))).toEqual([
      'the header is not JSON.',
      'written by a newer Interdesk (snapshot format 9).',
      'it ends mid-line (still arriving, or cut off).',
    ]);
  });

  it('a snapshot with one entry its history contradicts is found out by the whole-history audit, which replaces the queue and says so', async () => {
    const { share, b, ids } = await busyShare();
    const name = (await b.sync.writeSnapshot())!;
    // Same history, one request's status changed, every checksum right: as a faulty build would write it.
    const path = join(new ShareLayout(share).snapshotsDir, name);
    const decoded = await decodeSnapshot(readFileSync(path), name, b.key.publicKey);
    if (!decoded.ok) throw new Error(decoded.reason);
    const { header, ...rest } = decoded.snapshot;
    const wrong = rest.entries.find((e) => e.id === ids[0])!;
    wrong.status = { ...wrong.status!, value: 'declined' };
    writeFileSync(path, Buffer.concat([...encodeSnapshot({ ...rest, device: header.device, opCount: header.opCount }, b.key.sign)]));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanup.push(() => warn.mockRestore());

    const joined = await machine(share, 'Joe', 'Engineering');
    // Adopted at once, for a fast start; then audited against the whole copied history.
    expect(await joined.store.audited).toEqual({ sound: false, request: ids[0] });
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect((await joined.must('getRequest', { id: ids[0]! })).status).toBe('acknowledged');
    expect((await joined.must('getSyncStatus', {})).problems.join(' ')).toContain(`did not match its history (request ${ids[0]} differed)`);
    expect(joined.received).toContainEqual({ name: 'requestsChanged', payload: { ids: [] } });
    expect(stateDigest(joined.store.operations())).toBe(stateDigest(replayed.store.operations()));
  });

  it('a machine that quits while it audits an adopted snapshot audits again on its next start', async () => {
    const { share, b, ids } = await busyShare();
    await b.sync.writeSnapshot();
    const joined = await machine(share, 'Joe', 'Engineering');
    expect(await joined.store.audited).toEqual({ sound: true });
    joined.close();
    const file = join(joined.dataDir, 'store', 'snapshot.json');
    // The audit ended before it quit: the local snapshot it leaves says so.
    expect((JSON.parse(readFileSync(file, 'utf8')) as { auditPending: boolean }).auditPending).toBe(false);
    // As if it had quit mid-audit, with a faulty entry in what it adopted: the local snapshot says the audit is pending.
    const local = JSON.parse(readFileSync(file, 'utf8')) as { auditPending: boolean; entries: { id: string; status: { value: string } }[] };
    local.auditPending = true;
    local.entries.find((e) => e.id === ids[0])!.status.value = 'declined';
    writeFileSync(file, JSON.stringify(local));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanup.push(() => warn.mockRestore());

    const again = startServices(joined.dataDir, undefined, { pollMs: 3_600_000, watch: false });
    cleanup.push(() => again.close());
    await again.sync.syncNow();
    expect(await again.store.audited).toEqual({ sound: false, request: ids[0] });
    expect((await again.must('getRequest', { id: ids[0]! })).status).toBe('acknowledged');
  });

  it('a snapshot whose history is not all on the share: the join keeps what it copied and reads on from there', async () => {
    const { share, a, ids } = await busyShare();
    await a.sync.writeSnapshot();
    // Sam's last segment goes missing (a sync tool has not brought it yet): the join copies all
    // but the last lines, and after it the pull has nothing it can add.
    const log = new ShareLayout(share).logDir(a.store.deviceId);
    const last = readdirSync(log).sort().pop()!;
    renameSync(join(log, last), join(tempDir('interdesk-aside-'), last));

    const joined = await machine(share, 'Joe', 'Engineering', { reportAfterMs: 0 });
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false, reportAfterMs: 0 });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect(joined.store.maxSeq(a.store.deviceId)).toBe(replayed.store.maxSeq(a.store.deviceId));
    // What was copied reached the window: the configuration it brought, and "reload everything".
    expect(joined.received.map((e) => e.name)).toEqual(expect.arrayContaining(['configChanged', 'requestsChanged']));
    expect(stateDigest(joined.store.operations())).toBe(stateDigest(replayed.store.operations()));
  });

  it('a machine stopped half-way through a join starts again with consistent data and finishes by reading on', async () => {
    const { share, b, ids } = await busyShare();
    await b.sync.writeSnapshot();
    // The share answers a few reads, then hangs (a network drive gone quiet) while the machine quits.
    let reads = 0;
    const hanging: ShareFs = {
      ...realShareFs,
      readFile: (path, max) => (path.endsWith('.seg') && ++reads > 3 ? new Promise<Buffer>(() => undefined) : realShareFs.readFile(path, max)),
    };
    const dataDir = tempDir('interdesk-machine-');
    const first = startServices(dataDir, undefined, { pollMs: 3_600_000, watch: false, fs: hanging });
    // Setting up waits for the first sync, which never ends here.
    void first.call('completeSetup', { name: 'Joe', department: 'Engineering', sharePath: share });
    await expect.poll(() => first.store.joining).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    first.close();

    const joined = startServices(dataDir, undefined, { pollMs: 3_600_000, watch: false });
    cleanup.push(() => joined.close());
    await joined.sync.syncNow();
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect(stateDigest(joined.store.operations())).toBe(stateDigest(replayed.store.operations()));
  });

  it('a change made while the machine is joining is kept, and shows in the joined queue', async () => {
    const { share, b, ids } = await busyShare();
    await b.sync.writeSnapshot();
    // The share answers two segment reads, then waits until the test lets it go on.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const held: ShareFs = {
      ...realShareFs,
      readFile: async (path, max) => (path.endsWith('.seg') && ++reads > 2 && (await gate), realShareFs.readFile(path, max)),
    };
    const joined = startServices(tempDir('interdesk-machine-'), undefined, { pollMs: 3_600_000, watch: false, fs: held });
    cleanup.push(() => joined.close());
    const setUp = joined.must('completeSetup', { name: 'Joe', department: 'Engineering', sharePath: share });
    await expect.poll(() => joined.store.joining).toBe(true);
    const mine = await joined.must('createRequest', { ...laptopRequest('Sales'), title: 'Made while joining' });
    release();
    await setUp;
    await joined.store.whenJoined();
    expect(joined.store.joining).toBe(false);
    ids.push(mine.id);
    await joined.sync.syncNow();
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
    expect((await joined.must('listRequests', { view: 'outgoing' })).items.map((r) => r.title)).toContain('Made while joining');
  });

  it('a joining machine is usable as soon as the snapshot is read: its queues and clocks, a request made meanwhile; one from the history opens when its history is in', async () => {
    const { share, b, ids } = await busyShare();
    await b.sync.writeSnapshot();
    // The share answers the snapshot, then holds the others' segments until the test lets it go on.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let me = '';
    const held: ShareFs = {
      ...realShareFs,
      readFile: async (path, max) => ((path.endsWith('.seg') || path.endsWith('.pack')) && !path.includes(me) && (await gate), realShareFs.readFile(path, max)),
    };
    // Not admitted by the test's admin: the share holds every answer back until the test lets it go.
    const joined = startServices(tempDir('interdesk-machine-'), undefined, { pollMs: 3_600_000, watch: false, fs: held }, { admit: false });
    cleanup.push(() => joined.close());
    me = joined.store.deviceId;
    // Setup ends with no segment read: the snapshot carries the queues and the configuration.
    await joined.must('completeSetup', { name: 'Joe', department: 'Engineering', sharePath: share });
    expect(joined.store.joining).toBe(true);
    const incoming = (await joined.must('listRequests', { view: 'incoming' })).items;
    expect(incoming.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(incoming.every((r) => r.sla)).toBe(true);
    expect((await joined.must('getSession', {})).departments).toContain('Legal');
    // A request made meanwhile opens at once; one from the history waits for it.
    const mine = await joined.must('createRequest', { ...laptopRequest('Sales'), title: 'Made while joining' });
    expect((await joined.must('getRequest', { id: mine.id })).title).toBe('Made while joining');
    let opened = false;
    const first = joined.must('getRequest', { id: ids[0]! }).then((d) => ((opened = true), d));
    // A change to one from the history is kept at once (watching it: this machine is not admitted yet); its page comes with its history.
    const watched = joined.must('watchRequest', { id: ids[4]!, watching: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toBe(false);
    release();
    expect((await first).comments.map((c) => c.body)).toEqual(['Ordered', 'Thanks!']);
    expect(await watched).toMatchObject({ title: 'Laptop 2', watchers: ['Joe'] });
    await joined.store.whenJoined();
    ids.push(mine.id);
    await joined.sync.syncNow();
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
  });

  it('a joining machine’s log holds the writer’s lines byte for byte: nothing is written out again, so a newer build’s fields stay', async () => {
    const { share, b } = await busyShare();
    // A newer build's machine sends two requests, a save each, with a field this build does not know
    // (a reader drops it from the creation it keeps in memory; the log keeps the bytes).
    const newer = 'f0f0f0f0-0000-4000-8000-000000000001';
    const create = (seq: number) => {
      const op = createOp(`00000000-0000-4000-8000-f0000000000${seq}`, newer, seq, Date.now() - 60_000 + seq, `From the newer build ${seq}`);
      return { ...op, fields: { ...op.fields, mood: 'calm' } };
    };
    writeCraftedSegment(share, newer, 1, asLines([create(1)]));
    writeCraftedSegment(share, newer, 2, asLines([create(2)]));
    await b.sync.syncNow(); // both in one batch: one line of b's log, from two files
    await b.sync.writeSnapshot();
    const log = (m: TestServices) => readFileSync(join(m.dataDir, 'store', 'operations.jsonl'), 'utf8');
    // The writer's log as its snapshot holds it: read now, since b syncs on by itself and may fetch the joiner's request to join meanwhile.
    const written = log(b);
    expect(written).toContain('"mood":"calm"');
    const joined = await machine(share, 'Joe', 'Engineering');
    await joined.store.whenJoined();
    // Its own request to join the roster, written as it joined, comes before them.
    expect(log(joined)).toContain(written);
  });

  it('a snapshot’s configuration is its claim until the history is in: one its history does not hold is gone after the join', async () => {
    const { share, b, ids } = await busyShare();
    await rewrittenSnapshot(share, b, ({ header, config, ...rest }) => {
      // Legal's last section, as a department nobody made.
      const legal = config!.findLast((op) => op.type === 'config.department' && op.fields.department === 'Legal')!;
      const hlc = `${legal.hlc.slice(0, 23)}${header.device}`;
      const forged = { ...legal, id: `${header.device}:999999`, hlc, fields: { ...legal.fields, department: 'Forged' } } as ConfigOperation;
      return { ...rest, config: [...config!, forged], device: header.device, opCount: header.opCount };
    });
    const joined = await machine(share, 'Joe', 'Engineering');
    expect(joined.store.audited).not.toBeNull(); // it was joined from the snapshot
    await joined.store.whenJoined();
    expect((await joined.must('getSession', {})).departments).not.toContain('Forged');
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
  });

  it('a snapshot from a build before it carried the configuration is joined as before: the queues when the history is in', async () => {
    const { share, b, ids } = await busyShare();
    await rewrittenSnapshot(share, b, ({ header, config: _config, ...older }) => ({ ...older, device: header.device, opCount: header.opCount }));
    const joined = await machine(share, 'Joe', 'Engineering');
    expect(joined.store.joining).toBe(false);
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
  });

  it('a snapshot during which a change is made is dropped before it gets its name', async () => {
    const share = tempDir('interdesk-share-');
    let onFirstPiece = async () => {};
    // The share takes the first piece of a snapshot, then the user saves a change, then the rest.
    const fs: ShareFs = {
      ...realShareFs,
      async writeNew(path, bytes) {
        if (Buffer.isBuffer(bytes) || !path.endsWith('.snap')) return realShareFs.writeNew(path, bytes);
        const pieces = bytes[Symbol.iterator]();
        const first = pieces.next();
        await onFirstPiece();
        return realShareFs.writeNew(
          path,
          (function* () {
            if (!first.done) yield first.value;
            for (let p = pieces.next(); !p.done; p = pieces.next()) yield p.value;
          })(),
        );
      },
    };
    const a = await machine(share, 'Sam', 'Sales', { fs });
    await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    onFirstPiece = async () => void (await a.must('createRequest', { ...laptopRequest(), title: 'Saved meanwhile' }));
    expect(await a.sync.writeSnapshot()).toBeNull();
    expect(snapshotsOf(share)).toEqual([]);
    onFirstPiece = async () => {};
    await a.sync.syncNow();
    expect(await a.sync.writeSnapshot()).toBe(snapshotName(a.store.opCount, a.store.deviceId));
    expect(snapshotsOf(share)).toEqual([snapshotName(a.store.opCount, a.store.deviceId)]);
  });

  it('a machine whose local data was deleted takes a new id and then joins; where it cannot (read-only share) it does not join from its own history', async () => {
    const { share, a, b, ids } = await busyShare();
    await b.sync.writeSnapshot();
    const sam = a.store.deviceId;
    // Sam's data folder loses its store but keeps its settings (and so its device id).
    a.close();
    const restart = (fs: ShareFs) => {
      rmSync(join(a.dataDir, 'store'), { recursive: true, force: true });
      const m = startServices(a.dataDir, undefined, { pollMs: 3_600_000, watch: false, fs });
      cleanup.push(() => m.close());
      return m;
    };
    const denied = () => Promise.reject(Object.assign(new Error('read-only'), { code: 'EROFS' }));
    const readOnly = restart({ ...realShareFs, writeNew: denied, mkdir: denied });
    await readOnly.sync.syncNow();
    expect(readOnly.sync.current.state).toBe('read_only');
    expect([readOnly.store.deviceId, readOnly.store.maxSeq(sam), readOnly.store.joining]).toEqual([sam, 0, false]);
    readOnly.close();

    const again = restart(realShareFs);
    await again.sync.syncNow();
    expect(again.store.deviceId).not.toBe(sam);
    const replayed = await machine(share, 'Ray', 'Sales', { snapshots: false });
    expect(await seen(again, ids)).toEqual(await seen(replayed, ids));
  });

  it('a snapshot write abandoned an hour ago is cleared away by the next writer; one under way is left alone', async () => {
    const { share, b } = await busyShare();
    const dir = new ShareLayout(share).snapshotsDir;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.tmp-abandoned'), 'half a snapshot');
    writeFileSync(join(dir, '.tmp-under-way'), 'a quarter of one');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(dir, '.tmp-abandoned'), twoHoursAgo, twoHoursAgo);
    const name = await b.sync.writeSnapshot();
    expect(snapshotsOf(share).sort()).toEqual(['.tmp-under-way', name].sort());
  });

  it('devices write snapshots in turn as the share grows, each removing only its own older ones', async () => {
    const share = tempDir('interdesk-share-');
    const tuning: SyncTuning = { snapshotEvery: 15, fullScanEvery: 1 };
    const a = await machine(share, 'Sam', 'Sales', tuning);
    const b = await machine(share, 'Eve', 'Engineering', tuning);
    const ids: string[] = [];
    const grow = async (n: number) => {
      for (let i = 0; i < n; i++) ids.push((await a.must('createRequest', { ...laptopRequest(), title: `Laptop ${ids.length}` })).id);
      for (const m of [a, b, a, b]) await m.sync.syncNow();
    };
    await grow(5);
    expect(snapshotsOf(share)).toEqual([]); // not due: fewer operations than snapshotEvery
    await grow(10);
    const covering = (name: string) => Number(name.slice(0, 12));
    expect(snapshotsOf(share).map(covering)).toEqual([a.store.opCount]);
    await grow(15);
    const now = snapshotsOf(share);
    expect(Math.max(...now.map(covering))).toBe(a.store.opCount);
    // Nobody keeps two, and one written by the other device is left alone.
    const writers = now.map((name) => name.slice(13, -'.snap'.length));
    expect(new Set(writers).size).toBe(writers.length);

    const reads: string[] = [];
    const joined = await machine(share, 'Joe', 'Engineering', { fs: recordingFs(reads) });
    expect(reads.some((path) => path.endsWith('.snap'))).toBe(true);
    const replayed = await machine(share, 'Ray', 'Engineering', { snapshots: false });
    expect(await seen(joined, ids)).toEqual(await seen(replayed, ids));
  });

  it('an empty file named like a big snapshot does not stop the share’s snapshots: a name is not trusted for the count', async () => {
    const share = tempDir('interdesk-share-');
    const tuning: SyncTuning = { snapshotEvery: 15, fullScanEvery: 1 };
    const a = await machine(share, 'Sam', 'Sales', tuning);
    const b = await machine(share, 'Eve', 'Engineering', tuning);
    const dir = new ShareLayout(share).snapshotsDir;
    mkdirSync(dir, { recursive: true });
    const grow = async (n: number) => {
      for (let i = 0; i < n; i++) await a.must('createRequest', laptopRequest());
      for (const m of [a, b, a, b]) await m.sync.syncNow();
    };
    await grow(3);
    expect(snapshotsOf(share)).toEqual([]);
    // Named as covering nearly all the devices will hold: taken at its word, none would be due.
    const fake = snapshotName(a.store.opCount + 11, 'mallory');
    writeFileSync(join(dir, fake), '');
    await grow(12);
    expect(snapshotsOf(share).filter((name) => name !== fake).length).toBeGreaterThan(0);
  });
});
