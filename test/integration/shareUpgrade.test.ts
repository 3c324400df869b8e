import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonFileSettings, initialSettings } from '../../electron/services/settings.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import type { UpgradeStatement } from '../../electron/sync/format/upgradeStatement.js';
import { encodeUpgrade } from '../../electron/sync/format/upgradeStatement.js';
import { keyFromSeed } from '../helpers/keys.js';
import type { Actor } from '../../shared/core/actor.js';
import { previousBuild } from '../helpers/previousBuild.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import type { Build } from '../helpers/storeMachine.js';
import { storeMachine } from '../helpers/storeMachine.js';
import { undoAfterEach } from '../helpers/undo.js';

/**
 * A share written for months by the build before keys, upgraded in place (docs/sync.md §Upgrading
 * a share): the previous build's own store and engine write it, then the same data folders open
 * with this build.
 */
const { cleanup, tempDir } = undoAfterEach();
const sam: Actor = { user: 'Sam', department: 'Sales' };
const eve: Actor = { user: 'Eve', department: 'Engineering' };

/** A staff machine on the previous build, in the data folder this build's services would use. */
function oldMachine(old: Build, dataDir: string, share: string, who: Actor, deviceId: string) {
  const m = storeMachine({ build: old, share, dir: join(dataDir, 'store'), deviceId, identity: () => who, snapshots: false });
  cleanup.push(() => m.stop());
  return m;
}

/** The same data folder opened by this build, its person set up as before. */
function upgraded(dataDir: string, share: string, who: Actor, deviceId: string): TestServices {
  new JsonFileSettings(join(dataDir, 'settings.json')).write({
    ...initialSettings(),
    deviceId,
    profile: { name: who.user, department: who.department },
    sharePath: share,
  });
  const s = startServices(dataDir, undefined, { watch: false, reportAfterMs: 0 }, { admit: false });
  cleanup.push(() => s.close());
  return s;
}

const statusOf = async (m: TestServices, id: string) => (await m.must('getRequest', { id })).status;

describe('a share made before keys, upgraded in place', () => {
  it('keeps its history, makes the first to turn roles on its admin, and lets every other machine work on, unverified until a lead approves it', async () => {
    const old = await previousBuild('ebb6ed3');
    const share = tempDir('interdesk-share-');
    const [samDir, eveDir] = [tempDir('interdesk-sam-'), tempDir('interdesk-eve-')];
    const [samId, eveId] = [randomUUID(), randomUUID()];

    // Months of work on the previous build: Sales asks Engineering, Eve acknowledges.
    const oldSam = oldMachine(old, samDir, share, sam, samId);
    const oldEve = oldMachine(old, eveDir, share, eve, eveId);
    const id = randomUUID();
    const fields = { type: 'General request', title: 'Drawing for order 4711', details: '', priority: 'P2' as const, neededBy: '2026-12-24T16:00:00.000Z' };
    oldSam.store.commit(sam, { type: 'request.create', target: id, fields: { ...fields, fromDepartment: 'Sales', toDepartment: 'Engineering' } });
    await oldSam.engine.syncNow();
    await oldEve.engine.syncNow();
    oldEve.store.commit(eve, { type: 'request.status', target: id, fields: { status: 'acknowledged' } });
    await oldEve.engine.syncNow();
    oldSam.stop();

    // Sam's computer gets this build: the share works as before, with no roles.
    const samNew = upgraded(samDir, share, sam, samId);
    await samNew.sync.syncNow();
    expect((await samNew.must('getSession', {})).membership).toBeNull();
    expect(await statusOf(samNew, id)).toBe('acknowledged');

    // Sam turns roles on: the first admin, lead of Sales; what was written before counts as it was.
    const session = await samNew.must('turnOnRoles', {});
    expect(session.membership).toMatchObject({ admin: true, leads: ['Sales'], verified: true });
    expect(await statusOf(samNew, id)).toBe('acknowledged');
    expect((await samNew.must('listRequests', { view: 'outgoing' })).items.find((r) => r.id === id)?.unverified).toBeUndefined();
    const layout = new ShareLayout(share);
    expect(existsSync(layout.upgradeFile)).toBe(true);
    // Sam writes on under a new id whose device.json shows his key; his old folder stays as it was.
    expect(samNew.store.deviceId).not.toBe(samId);
    const samSegments = readdirSync(layout.logDir(samId));
    await samNew.must('addComment', { id, body: 'Roles are on now' });
    await samNew.sync.syncNow();
    expect(readdirSync(layout.logDir(samId))).toEqual(samSegments);

    // Eve is still on the previous build: she keeps syncing, and reads Sam's comment.
    await oldEve.engine.syncNow();
    expect([...oldEve.store.requests()].length).toBe(1);
    // What she does now is hers, unproven: it does not count until she is a verified member.
    oldEve.store.commit(eve, { type: 'request.status', target: id, fields: { status: 'in_progress' } });
    await oldEve.engine.syncNow();
    await samNew.sync.syncNow();
    expect(await statusOf(samNew, id)).toBe('acknowledged');
    oldEve.stop();

    // Eve's computer gets this build: it leaves its old folder, asks to join Engineering, and Sam approves.
    const eveNew = upgraded(eveDir, share, eve, eveId);
    await eveNew.sync.syncNow();
    expect((await eveNew.must('getSession', {})).membership).toMatchObject({ verified: false, asking: ['Engineering'] });
    expect(eveNew.store.deviceId).not.toBe(eveId);
    await eveNew.sync.syncNow();
    await samNew.sync.syncNow();
    const asking = (await samNew.must('getPeople', {})).people.find((p) => p.name === 'Eve');
    expect(asking?.asking).toEqual(['Engineering']);
    await samNew.must('grantRole', { key: asking!.key, role: 'member', department: 'Engineering' });
    await samNew.sync.syncNow();
    await eveNew.sync.syncNow();
    await eveNew.must('changeStatus', { id, status: 'in_progress' });
    await eveNew.sync.syncNow();
    await samNew.sync.syncNow();
    expect(await statusOf(samNew, id)).toBe('in_progress');
    expect((await samNew.must('getRequest', { id })).comments.map((c) => c.body)).toEqual(['Roles are on now']);

    // Someone rewrites Eve's old, unsigned segment (the acknowledgement, now a refusal), its checksum made to match.
    const path = layout.segmentPath(eveId, 1);
    const [header, body, trailer] = readFileSync(path, 'utf8').split('\n');
    const forged = body!.replace('"acknowledged"', '"declined"');
    const checksum = createHash('sha256').update(`${forged}\n`).digest('hex');
    const fixed = trailer!.replace(/"sha256":"[0-9a-f]+"/, `"sha256":"${checksum}"`).replace(/"bytes":\d+/, `"bytes":${Buffer.byteLength(`${forged}\n`)}`);
    writeFileSync(path, `${header}\n${forged}\n${fixed}\n`);
    // A computer joining now reads it, finds that history is not what the statement covers, says so, and does not count it.
    const annDir = tempDir('interdesk-ann-');
    const ann = upgraded(annDir, share, { user: 'Ann', department: 'IT' }, randomUUID());
    const status = await ann.sync.syncNow();
    expect(status.problems).toContainEqual(
      expect.stringContaining(`The history of computer ${eveId.slice(0, 8)} on the shared folder is not what the admin's upgrade statement covers`),
    );
    expect((await ann.must('getRequest', { id })).history.map((h) => h.kind === 'status' && h.to).filter(Boolean)).toEqual(['in_progress']);

    // A statement replaced later, naming another root, is a share this machine did not join.
    const mallory = keyFromSeed('mallory');
    const theirs = JSON.parse(readFileSync(layout.upgradeFile, 'utf8')) as UpgradeStatement;
    writeFileSync(layout.upgradeFile, encodeUpgrade({ ...theirs, root: { device: theirs.root.device, publicKey: mallory.publicKey } }, mallory.sign));
    const refused = await samNew.sync.syncNow();
    expect(refused).toMatchObject({ state: 'offline', detail: expect.stringContaining("The shared folder's root key changed") });
  });
});
