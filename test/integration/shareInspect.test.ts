import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { encodePack, packName } from '../../electron/sync/format/pack.js';
import { encodeSegment } from '../../electron/sync/format/segment.js';
import { shareStats } from '../../electron/sync/inspect/shareStats.js';
import { verifyShare } from '../../electron/sync/inspect/verifyShare.js';
import { realShareFs } from '../../electron/sync/shareFs.js';
import type { StoreMachine } from '../helpers/storeMachine.js';
import { saveRequest, storeMachine } from '../helpers/storeMachine.js';
import { PACK_AFTER_SEGMENTS } from '../../electron/sync/packer.js';
import type { Operation } from '../../shared/ops/operations.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import { asLines, writeCraftedSegment } from '../helpers/hostileShare.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();

/** A share two honest machines use: A with a pack and the segments after it, B with a few segments. */
async function honestShare() {
  const share = tempDir('interdesk-share-');
  const machines = [0, 1].map(() => {
    const m = storeMachine({ share, dir: tempDir('interdesk-store-'), fullScanEvery: 1, snapshots: false });
    cleanup.push(() => m.stop());
    return m;
  });
  const [a, b] = machines as [StoreMachine, StoreMachine];
  const save = (m: StoreMachine, title: string) => saveRequest(m.store, title);
  for (let i = 0; i < PACK_AFTER_SEGMENTS + 3; i++) {
    save(a, `A ${i}`);
    await a.engine.syncNow();
  }
  for (let i = 0; i < 3; i++) {
    save(b, `B ${i}`);
    await b.engine.syncNow();
  }
  return { share, layout: new ShareLayout(share), a, b };
}

describe('npm run share -- stats and verify: an admin’s look at a share', () => {
  it('counts each device’s operations, segments and packs, and finds nothing wrong on an honest share', async () => {
    const { share, a, b } = await honestShare();
    const stats = await shareStats(realShareFs, share);
    const ofA = stats.devices.find((d) => d.device === a.store.deviceId)!;
    expect(ofA).toMatchObject({
      who: 'Sam (Sales)',
      operations: PACK_AFTER_SEGMENTS + 3,
      segments: PACK_AFTER_SEGMENTS + 3,
      packs: 1,
      readsPacks: true,
      conflictCopies: 0,
    });
    expect(ofA.oldestUnpacked?.name).toBe(`devices/${a.store.deviceId}/log/000000000065.seg`);
    expect(stats.devices.find((d) => d.device === b.store.deviceId)).toMatchObject({ operations: 3, segments: 3, packs: 0 });
    const verdict = await verifyShare(realShareFs, share, Date.now());
    expect(verdict.problems).toEqual([]);
    expect(verdict.checked).toBeGreaterThan(PACK_AFTER_SEGMENTS + 6);
  });

  it('names each fault of docs/sync.md’s table with what to do, and says where each device’s readers stop', async () => {
    const { share, layout, a, b } = await honestShare();
    const A = a.store.deviceId;
    const B = b.store.deviceId;
    const rel = (path: string) => path.slice(layout.root.length + 1);
    // Truncated, garbage, and a checksum that does not match.
    truncateSync(layout.segmentPath(B, 2), 40);
    writeFileSync(layout.segmentPath(A, 66), 'not a segment\n');
    const third = readFileSync(layout.segmentPath(B, 3), 'utf8');
    writeFileSync(layout.segmentPath(B, 3), third.replace('B 2', 'B 9'));
    // Operations refused (a date that is not one), one held aside (a year ahead), a seed dated before the share.
    const device = 'c0ffee00-0000-4000-8000-000000000001';
    const op = (seq: number, wall: number, extra: object = {}) => ({
      id: `${device}:${seq}`,
      hlc: formatHlc({ wall, counter: 0, device }),
      actor: { user: 'Mallory', department: 'IT' },
      type: 'request.comment',
      target: 'x',
      fields: { body: 'hi' },
      ...extra,
    });
    writeCraftedSegment(
      share,
      device,
      1,
      asLines([op(1, Date.now(), { type: 'request.status', fields: { status: 'waiting_on_requester', resumeAt: '2026-02-31T10:00:00Z' } })]),
    );
    const future = 'c0ffee00-0000-4000-8000-000000000002';
    writeCraftedSegment(
      share,
      future,
      1,
      asLines([
        { ...op(1, Date.now() + 365 * 86_400_000), id: `${future}:1`, hlc: formatHlc({ wall: Date.now() + 365 * 86_400_000, counter: 0, device: future }) },
      ]),
    );
    // A segment of a newer format, and one over its size limit.
    const newer = 'c0ffee00-0000-4000-8000-000000000003';
    mkdirSync(layout.logDir(newer), { recursive: true });
    writeFileSync(layout.segmentPath(newer, 1), `${JSON.stringify({ interdesk: 'segment', v: 99, device: newer, first: 1, last: 1 })}\n{}\n{}\n`);
    writeFileSync(layout.segmentPath(newer, 2), Buffer.alloc(17 * 1024 * 1024, 0x20));
    // A sync tool's copy that contradicts its original, and an identical one.
    const own = a.store.operations().filter((o) => o.id.startsWith(A));
    const forged = own.slice(64, 65).map((o) => ({ ...o, fields: { ...o.fields, title: 'Forged' } }) as Operation);
    writeFileSync(join(layout.logDir(A), '000000000065.sync-conflict-20261123-101010-ABCDEFG.seg'), encodeSegment(A, forged, a.key.sign));
    writeFileSync(join(layout.logDir(A), '000000000067 (Sam’s conflicted copy 2026-11-23).seg'), readFileSync(layout.segmentPath(A, 67)));
    // A pack that does not hold what its segments hold.
    writeFileSync(
      layout.packPath(A, packName({ first: 1, last: 2 })),
      encodePack(
        A,
        1,
        own.slice(0, 2).map((o, i) => Buffer.from(`${JSON.stringify(i ? { ...o, fields: { ...o.fields, title: 'Changed' } } : o)}\n`)),
        Date.now(),
        a.key.sign,
      ),
    );
    // An abandoned write, a snapshot cut off, an attachment whose bytes are not its name, a newer format.json.
    const tmp = join(layout.deviceDir(A), 'log', '.tmp-abandoned');
    writeFileSync(tmp, 'half');
    utimesSync(tmp, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    mkdirSync(layout.snapshotsDir, { recursive: true });
    writeFileSync(join(layout.snapshotsDir, `000000000070-${A}.snap`), '{"interdesk":"snapshot"');
    mkdirSync(layout.blobsDir, { recursive: true });
    writeFileSync(layout.blobPath('a'.repeat(64)), 'not those bytes');
    const format = JSON.parse(readFileSync(layout.formatFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(layout.formatFile, JSON.stringify({ ...format, major: 9 }));
    // A device on an older build, holding packing back.
    mkdirSync(layout.logDir('older-build-device'), { recursive: true });
    writeFileSync(layout.deviceFile('older-build-device'), JSON.stringify({ deviceId: 'older-build-device', user: 'Old', department: 'IT' }));
    rmSync(join(layout.deviceDir(B), 'device.json'));

    const verdict = await verifyShare(realShareFs, share, Date.now());
    const about = (path: string) => verdict.problems.filter((p) => p.file === rel(path)).map((p) => p.what);
    expect(about(layout.segmentPath(B, 2))).toEqual([expect.stringMatching(/no complete header line/)]);
    expect(about(layout.segmentPath(A, 66))).toEqual([expect.stringMatching(/not JSON|Interdesk segment/)]);
    expect(about(layout.segmentPath(B, 3))).toEqual([expect.stringMatching(/checksum/)]);
    expect(about(layout.segmentPath(device, 1))).toEqual([expect.stringMatching(/malformed/)]);
    expect(about(layout.segmentPath(future, 1))).toEqual([expect.stringMatching(/held aside/)]);
    expect(about(layout.segmentPath(newer, 1))).toEqual([expect.stringMatching(/newer Interdesk/)]);
    expect(about(layout.segmentPath(newer, 2))).toEqual([expect.stringMatching(/more than the 16,777,216/)]);
    expect(about(join(layout.logDir(A), '000000000065.sync-conflict-20261123-101010-ABCDEFG.seg'))).toEqual([
      expect.stringMatching(/contradicts the original/),
    ]);
    expect(verdict.notes.some((n) => n.includes('conflicted copy') && n.includes('identical'))).toBe(true);
    expect(about(layout.packPath(A, packName({ first: 1, last: 2 })))).toEqual([expect.stringMatching(/does not hold what .*000000000002\.seg holds/)]);
    expect(about(tmp)).toEqual([expect.stringMatching(/abandoned/)]);
    expect(about(join(layout.snapshotsDir, `000000000070-${A}.snap`))).toEqual([expect.stringMatching(/cut off/)]);
    expect(about(layout.blobPath('a'.repeat(64)))).toEqual([expect.stringMatching(/do not match its name/)]);
    expect(about(layout.formatFile)).toEqual([expect.stringMatching(/format 9, newer/)]);
    expect(about(layout.deviceFile(B))).toEqual(['it is missing, so readers read nothing of this device yet']);
    // Where each device's readers stop: B after its first segment, A before the garbage at 66.
    expect(about(layout.logDir(B))).toEqual(['readers stop after operation 1: no whole file holds operation 2, though later ones are here']);
    expect(about(layout.logDir(A))).toEqual(['readers stop after operation 65: no whole file holds operation 66, though later ones are here']);
    expect(verdict.notes.some((n) => n.includes('older-build-device'))).toBe(true);
    expect(verdict.problems.every((p) => p.todo.length > 10)).toBe(true);
  });

  it('runs as a command: a summary a person can act on, and exit code 1 when something is wrong', async () => {
    const { share, layout, b } = await honestShare();
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/share.ts', ...args], { encoding: 'utf8' });
    const ok = run('verify', share);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/files checked: no problems/);
    expect(run('stats', share).stdout).toMatch(/2 devices, 70 operations in 70 segments and 1 pack /);
    appendFileSync(layout.segmentPath(b.store.deviceId, 3), 'junk');
    const bad = run('verify', share);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`devices/${b.store.deviceId}/log/000000000003.seg`);
    expect(run('verify', tempDir('not-a-share-')).stderr).toMatch(/holds no Interdesk folder/);
    expect(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/share.ts', 'stats', share], { encoding: 'utf8' })).toMatch(/Sam \(Sales\)/);
  });
});
