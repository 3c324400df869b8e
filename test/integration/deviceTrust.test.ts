import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../electron/sync/format/shareSnapshot.js';
import type { SyncTuning } from '../../electron/services/compose.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';
import { keyFingerprint } from '../../electron/sync/format/signature.js';
import { asNamed } from '../helpers/hostileShare.js';
import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { createOp } from '../helpers/ops.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';

/**
 * Each forgery of a device's files, through the real services and a real shared folder
 * (docs/sync.md §Trust): what a reader takes from a device folder is what that device signed.
 */
const { cleanup, tempDir } = undoAfterEach();
/** Every cycle a full scan: device.json files are read again on full scans. */
const strict: SyncTuning = { watch: false, reportAfterMs: 0, fullScanEvery: 1 };

async function machine(share: string, name: string, department: string): Promise<TestServices> {
  const s = startServices(tempDir('interdesk-machine-'), undefined, strict);
  cleanup.push(() => s.close());
  await s.must('completeSetup', { name, department, sharePath: share });
  await s.sync.syncNow();
  return s;
}

const titles = async (m: TestServices) => (await m.must('listRequests', { view: 'all' })).items.map((r) => r.title).sort();

/** Two machines on one share; Sam's next segment (after its seed) holds one new request. */
async function twoMachines() {
  const share = tempDir('interdesk-share-');
  const sam = await machine(share, 'Sam', 'Sales');
  const eve = await machine(share, 'Eve', 'Engineering');
  return { share, layout: new ShareLayout(share), sam, eve };
}

describe('a device’s files are what it signed', () => {
  it('a segment copied into another device’s folder is not that device’s: refused, reported, and nothing of it is folded', async () => {
    const { share, layout, sam, eve } = await twoMachines();
    const seq = sam.store.flushedSeq + 1;
    await sam.must('createRequest', { ...laptopRequest(), title: 'Copied' });
    await sam.sync.syncNow();
    // Eve's folder gets Sam's segment, its header rewritten to Eve's id and next number: the checksum holds, the signature cannot.
    const next = eve.store.flushedSeq + 1;
    const samSegment = readFileSync(layout.segmentPath(sam.store.deviceId, seq), 'utf8');
    const moved = samSegment.replace(
      `"device":"${sam.store.deviceId}","first":${seq},"last":${seq}`,
      `"device":"${eve.store.deviceId}","first":${next},"last":${next}`,
    );
    const line = JSON.parse(moved.split('\n')[1]!) as { id: string; hlc: string };
    const rewritten = moved.replace(line.id, `${eve.store.deviceId}:${next}`).replace(line.hlc, line.hlc.replace(sam.store.deviceId, eve.store.deviceId));
    const body = rewritten.split('\n')[1]!;
    const forged = Buffer.from(
      rewritten.replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${createHashOf(`${body}\n`)}"`).replace(/"bytes":\d+/, `"bytes":${Buffer.byteLength(`${body}\n`)}`),
    );
    const path = layout.segmentPath(eve.store.deviceId, next);
    writeFileSync(path, forged);
    const reader = await machine(share, 'Ann', 'IT');
    const status = await reader.sync.syncNow();
    expect(await titles(reader)).toEqual(['Copied']); // Sam's own, once: not Eve's copy
    expect(status.problems).toContain(`${asNamed(share, path)} cannot be used yet: its signature is not its device’s.`);
  });

  it('a segment changed after it was signed, its checksum made to match, is refused', async () => {
    const { share, layout, sam, eve } = await twoMachines();
    const seq = sam.store.flushedSeq + 1;
    await sam.must('createRequest', { ...laptopRequest(), title: 'Laptop for Dana' });
    await sam.sync.syncNow();
    const path = layout.segmentPath(sam.store.deviceId, seq);
    const text = readFileSync(path, 'utf8');
    const body = text.split('\n')[1]!.replace('Laptop for Dana', 'Laptop for Mallory');
    writeFileSync(
      path,
      `${text.split('\n')[0]}\n${body}\n${text
        .split('\n')[2]!
        .replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${createHashOf(`${body}\n`)}"`)
        .replace(/"bytes":\d+/, `"bytes":${Buffer.byteLength(`${body}\n`)}`)}\n`,
    );
    const status = await eve.sync.syncNow();
    expect(await titles(eve)).toEqual([]);
    expect(status.problems).toContain(`${asNamed(share, path)} cannot be used yet: its signature is not its device’s.`);
  });

  it('an unsigned segment in the folder of a device that signs is refused', async () => {
    const { share, layout, sam, eve } = await twoMachines();
    const path = layout.segmentPath(sam.store.deviceId, sam.store.flushedSeq + 1);
    await sam.must('createRequest', laptopRequest());
    writeFileSync(path, encodeSegment(sam.store.deviceId, sam.store.pending(), null));
    const status = await eve.sync.syncNow();
    expect(await titles(eve)).toEqual([]);
    expect(status.problems).toContain(`${asNamed(share, path)} cannot be used yet: it is not signed, and its device signs what it writes.`);
  });

  it('a key swapped in device.json: the device is refused from then on, with what to check, and its own signed files no longer count', async () => {
    const { share, layout, sam, eve } = await twoMachines();
    await sam.must('createRequest', { ...laptopRequest(), title: 'Before' });
    await sam.sync.syncNow();
    await eve.sync.syncNow();
    expect(await titles(eve)).toEqual(['Before']);
    // Mallory replaces Sam's device.json with her own key, then writes as Sam.
    const mallory = keyFromSeed('mallory');
    const file = layout.deviceFile(sam.store.deviceId);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), publicKey: mallory.publicKey }));
    const seq = sam.store.flushedSeq + 1;
    const ops = [createOp('00000000-0000-4000-8000-00000000f00d', sam.store.deviceId, seq, Date.now())];
    writeFileSync(layout.segmentPath(sam.store.deviceId, seq), encodeSegment(sam.store.deviceId, ops, mallory.sign));
    const status = await eve.must('syncNow', {});
    expect(await titles(eve)).toEqual(['Before']);
    const said = status.problems.find((p) => p.startsWith(asNamed(share, file)));
    expect(said).toContain(`now shows key ${keyFingerprint(mallory.publicKey)}, not the key ${keyFingerprint(sam.key.publicKey)} it first showed`);
    expect(said).toContain('ask an admin');
  });

  it('a share snapshot signed by a stranger is passed over: a joining machine reads the history instead', async () => {
    const { share, layout, sam, eve } = await twoMachines();
    await sam.must('createRequest', { ...laptopRequest(), title: 'Real' });
    await sam.sync.syncNow();
    await eve.sync.syncNow();
    const name = (await eve.sync.writeSnapshot())!;
    const path = join(layout.snapshotsDir, name);
    const decoded = await decodeSnapshot(readFileSync(path), name, eve.key.publicKey);
    if (!decoded.ok) throw new Error(decoded.reason);
    const { header, ...rest } = decoded.snapshot;
    // Its queue says something the history does not, and Mallory signs it in Eve's name.
    const forged = {
      ...rest,
      entries: rest.entries.map((e) => ({ ...e, create: e.create && { ...e.create, fields: { ...e.create.fields, title: 'Forged' } } })),
    };
    writeFileSync(path, Buffer.concat([...encodeSnapshot({ ...forged, device: header.device, opCount: header.opCount }, keyFromSeed('mallory').sign)]));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    cleanup.push(() => warn.mockRestore());
    const joiner = await machine(share, 'Ann', 'IT');
    expect(await titles(joiner)).toEqual(['Real']);
    expect(warn.mock.calls.flat().join('\n')).toContain(`share snapshot ${name} passed over: its signature is not its device’s`);
  });

  it('a device folder without its device.json is not read until it arrives; then its signed files are', async () => {
    const { share, layout, eve } = await twoMachines();
    const key = keyFromSeed('newcomer');
    const path = layout.segmentPath('newcomer', 1);
    const ops = [createOp('00000000-0000-4000-8000-00000000beef', 'newcomer', 1, Date.now())];
    mkdirSync(layout.logDir('newcomer'), { recursive: true });
    writeFileSync(path, encodeSegment('newcomer', ops, key.sign));
    const waiting = await eve.must('syncNow', {});
    expect(await titles(eve)).toEqual([]);
    expect(waiting.problems).toContain(
      `${asNamed(share, layout.deviceFile('newcomer'))} cannot be used yet: it has not arrived, so nothing of its device is read yet.`,
    );
    publishDevice(layout, 'newcomer', key);
    const arrived = await eve.must('syncNow', {});
    expect(await titles(eve)).toEqual(['Laptop for Dana']);
    expect(arrived.problems).toEqual([]);
  });
});

describe('the configuration comes from the share’s root', () => {
  it('a seed signed by another key and dated before the real one is passed over, and listed for admins', async () => {
    const { layout, sam, eve } = await twoMachines();
    const before = (await eve.must('getConfig', {})).departments.map((d) => d.name);
    // A keyed device of its own, signing properly, seeds the share with a department of its making,
    // dated just before the root's seed (a seed dated before the share itself is refused as it is read).
    const mallory = keyFromSeed('mallory');
    publishDevice(layout, 'mallory', mallory, { user: 'Sam', department: 'Sales' });
    const seed: Operation = {
      id: 'mallory:1',
      hlc: formatHlc({ wall: sam.store.shareCreatedAt! - 1, counter: 0, device: 'mallory' }),
      actor: { user: 'Sam', department: 'Sales' },
      type: 'config.seed',
      target: CONFIG_TARGET,
      fields: { departments: { Mallory: defaultDepartmentConfig('Mallory', 'UTC') } },
    };
    mkdirSync(layout.logDir('mallory'), { recursive: true });
    writeFileSync(layout.segmentPath('mallory', 1), encodeSegment('mallory', [seed], mallory.sign));
    await eve.sync.syncNow();
    expect((await sam.sync.syncNow()).problems).toEqual([]);
    expect((await eve.must('getConfig', {})).departments.map((d) => d.name)).toEqual(before);
    expect((await sam.must('getPeople', {})).refused).toContainEqual(
      expect.objectContaining({ what: 'config.seed', on: 'configuration', why: 'only the share’s root may seed the configuration' }),
    );
  });
});

const createHashOf = (text: string) => createHash('sha256').update(text).digest('hex');
