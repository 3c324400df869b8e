import { describe, expect, it } from 'vitest';
import { ConfidentialNotes } from '../../electron/services/confidentialNotes.js';
import { newDepartmentKey, sealTo } from '../../electron/sync/format/sealing.js';
import { ROSTER_TARGET } from '../../shared/ops/operations.js';
import type { Comment } from '../../shared/model/request.js';
import { filesHolding } from '../helpers/filesHolding.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { TestServices } from '../helpers/services.js';
import { unadmittedMachines } from '../helpers/unadmitted.js';
import { undoAfterEach } from '../helpers/undo.js';

/** Internal notes sealed to their department, through the real services and a real share (docs/sync.md §Confidential notes). */
const { cleanup, tempDir } = undoAfterEach();

const { machine, sync: syncAll } = unadmittedMachines({ cleanup, tempDir });
const sync = (...machines: TestServices[]) => syncAll(machines, 3);

/** What a build that ignored who may see a note would get: the note as the fold holds it, opened with this computer's keys. */
function forcedOpen(m: TestServices, id: string, department: string): Comment[] {
  const notes = new ConfidentialNotes(m.store, m.key);
  return (m.store.detail(id, department, () => null)?.notes ?? []).map((n) => notes.open(n, id));
}

const keyOf = async (admin: TestServices, name: string) => (await admin.must('getPeople', {})).people.find((p) => p.name === name)!.key;

describe('an internal note on a share with a roster', () => {
  it('is sealed on the share and in every local log; its department reads it, a newcomer once admitted, nobody else, nor someone removed after', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    const ivy = await machine(share, 'Ivy', 'Engineering');
    await sync(sam, eve, ivy);
    await sam.must('grantRole', { key: await keyOf(sam, 'Eve'), role: 'member', department: 'Engineering' });
    await sync(sam, eve, ivy);

    const { id } = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve);
    const written = await eve.must('addComment', { id, body: 'The root password is hunter2', internal: true });
    expect(written.notes.map((n) => n.body)).toEqual(['The root password is hunter2']);
    await sync(eve, sam, ivy);

    // Nowhere in clear: not on the share, not in any local file of any machine.
    for (const dir of [share, eve.dataDir, sam.dataDir, ivy.dataDir]) expect(filesHolding(dir, 'hunter2')).toEqual([]);

    // Sales does not see it, and a build that showed it anyway could not open it.
    expect((await sam.must('getRequest', { id })).notes).toEqual([]);
    expect(forcedOpen(sam, id, 'Engineering')).toEqual([expect.objectContaining({ body: '', locked: true })]);
    // Ivy asked to join and is not admitted yet: the key is not hers.
    expect(forcedOpen(ivy, id, 'Engineering')).toEqual([expect.objectContaining({ locked: true })]);

    const search = (m: TestServices) => m.must('searchRequests', { query: 'hunter2', view: 'incoming' }).then((r) => r.ids);
    expect(await search(eve)).toEqual([id]);
    expect(await search(ivy)).toEqual([]);

    // Admitted, she reads it once a member's computer has sealed the key to her, and search finds it.
    await sam.must('grantRole', { key: await keyOf(sam, 'Ivy'), role: 'member', department: 'Engineering' });
    await sync(sam, eve, ivy);
    expect((await ivy.must('getRequest', { id })).notes.map((n) => n.body)).toEqual(['The root password is hunter2']);
    expect(await search(ivy)).toEqual([id]);

    // Removed, her laptop keeps what it had; a note written afterwards is sealed with a new key she never gets.
    await sam.must('revokeRole', { key: await keyOf(sam, 'Ivy'), role: 'all', reason: 'Laptop lost' });
    await sync(sam, eve, ivy);
    await eve.must('addComment', { id, body: 'New password: correct horse', internal: true });
    await sync(eve, sam, ivy);
    const eveNotes = (await eve.must('getRequest', { id })).notes.map((n) => n.body);
    expect(eveNotes).toEqual(['The root password is hunter2', 'New password: correct horse']);
    expect(forcedOpen(ivy, id, 'Engineering').map((n) => n.locked ?? false)).toEqual([false, true]);
    expect(filesHolding(share, 'correct horse')).toEqual([]);
  });

  it("is never sealed with a key an outsider made for the department: only its members' keys count", async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    await sync(sam, eve);
    await sam.must('grantRole', { key: await keyOf(sam, 'Eve'), role: 'member', department: 'Engineering' });
    await sync(sam, eve);
    // Sam, in Sales, plants a key for Engineering sealed to Eve and to himself, as a crafted build could.
    const planted = newDepartmentKey();
    const sealed = {
      [sam.store.ownKey!]: sealTo(sam.key.sealKey, planted.secret),
      [eve.store.ownKey!]: sealTo(eve.store.roster.sealKeyOf(eve.store.ownKey!)!, planted.secret),
    };
    sam.store.commit(
      { user: 'Sam', department: 'Engineering' },
      { type: 'roster.departmentKey', target: ROSTER_TARGET, fields: { department: 'Engineering', keyId: planted.keyId, sealed } },
    );
    const { id } = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve);
    expect(eve.store.roster.refusals()).toContainEqual(
      expect.objectContaining({ type: 'roster.departmentKey', why: 'only a member of Engineering may keep its key for confidential notes' }),
    );
    await eve.must('addComment', { id, body: 'Not for Sales', internal: true });
    await sync(eve, sam);
    const note = sam.store.detail(id, 'Engineering', () => null)!.notes[0]!;
    expect(note.sealed?.key).not.toBe(planted.keyId);
    expect(forcedOpen(sam, id, 'Engineering')).toEqual([expect.objectContaining({ locked: true })]);
  });

  it('cannot be moved to another request: it opens only where it was written', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const first = await sam.must('createRequest', laptopRequest('Engineering'));
    const second = await sam.must('createRequest', laptopRequest('Engineering'));
    await sam.must('addComment', { id: first.id, body: 'Budget code 4711', internal: true });
    const sealed = sam.store.detail(first.id, 'Sales', () => null)!.notes[0]!.sealed!;
    sam.store.commit({ user: 'Sam', department: 'Sales' }, { type: 'request.sealedNote', target: second.id, fields: sealed });
    expect((await sam.must('getRequest', { id: first.id })).notes.map((n) => n.body)).toEqual(['Budget code 4711']);
    expect((await sam.must('getRequest', { id: second.id })).notes).toEqual([expect.objectContaining({ body: '', locked: true })]);
  });
});
