import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { TestServices } from '../helpers/services.js';
import { unadmittedMachines } from '../helpers/unadmitted.js';
import { undoAfterEach } from '../helpers/undo.js';

/** The roster through the real services and a real shared folder (docs/sync.md §Roster, §Rules). */
const { cleanup, tempDir } = undoAfterEach();

const { machine, sync: syncAll } = unadmittedMachines({ cleanup, tempDir });
const sync = (...machines: TestServices[]) => syncAll(machines);

describe('a newcomer on a share with a roster', () => {
  it('sends requests, shown as unverified; acts for its department only once a lead approves it; a change it forces anyway counts nowhere and is listed for admins', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    expect((await eve.must('getSession', {})).membership).toMatchObject({ verified: false, asking: ['Engineering'], departments: [] });

    // Eve's request reaches Sales, marked; Sam's own is not.
    const asked = await eve.must('createRequest', { ...laptopRequest('Sales'), title: 'From a newcomer' });
    const own = await sam.must('createRequest', { ...laptopRequest('Engineering'), title: 'From Sales' });
    await sync(sam, eve);
    const incoming = (await sam.must('listRequests', { view: 'incoming' })).items;
    expect(incoming.find((r) => r.id === asked.id)?.unverified).toBe(true);
    const outgoing = (await sam.must('listRequests', { view: 'outgoing' })).items;
    expect(outgoing.find((r) => r.id === own.id)?.unverified).toBeUndefined();

    // Before approval the service says why, and a change written anyway is passed over everywhere.
    expect(await eve.call('changeStatus', { id: own.id, status: 'acknowledged' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('You are not a member of Engineering yet') },
    });
    eve.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'request.status', target: own.id, fields: { status: 'acknowledged' } });
    await sync(eve, sam);
    expect((await sam.must('getRequest', { id: own.id })).status).toBe('new');
    const refused = (await sam.must('getPeople', {})).refused;
    expect(refused).toContainEqual(
      expect.objectContaining({
        who: 'Eve',
        department: 'Engineering',
        what: 'request.status',
        why: 'its device was not a member of Engineering when it was made',
      }),
    );

    // Sam, the share's admin, approves her; from then on her changes count.
    const eveKey = (await sam.must('getPeople', {})).people.find((p) => p.name === 'Eve')!.key;
    await sam.must('grantRole', { key: eveKey, role: 'member', department: 'Engineering' });
    await sync(sam, eve);
    expect((await eve.must('getSession', {})).membership).toMatchObject({ verified: true, departments: ['Engineering'] });
    await eve.must('changeStatus', { id: own.id, status: 'acknowledged' });
    await sync(eve, sam);
    expect((await sam.must('getRequest', { id: own.id })).status).toBe('acknowledged');
    // Only admins see refused changes.
    expect((await eve.must('getPeople', {})).refused).toEqual([]);
  });

  it('a member removed from everything: what its device signs afterwards counts nowhere', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    await sync(eve, sam);
    const eveKey = (await sam.must('getPeople', {})).people.find((p) => p.name === 'Eve')!.key;
    await sam.must('grantRole', { key: eveKey, role: 'member', department: 'Engineering' });
    const { id } = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve);
    // Her laptop is lost: Sam removes her from everything; the laptop writes on, not having heard.
    await sam.must('revokeRole', { key: eveKey, role: 'all', reason: 'Laptop lost' });
    // Its clock is past the removal's (the same millisecond would order the two by device id).
    const removedAt = Date.now();
    while (Date.now() <= removedAt) {}
    eve.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'request.status', target: id, fields: { status: 'declined' } });
    await sync(sam, eve);
    expect((await sam.must('getRequest', { id })).status).toBe('new');
    expect((await sam.must('getPeople', {})).people.find((p) => p.key === eveKey)).toMatchObject({ removed: true, members: [] });
  });
});

describe('names on the roster come from the share', () => {
  it('a hidden direction character in a name asking to join is shown as its code on People', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    // Written past the service's checks, as a crafted build would.
    eve.store.commit({ user: 'Eve', department: 'Engineering' }, { type: 'roster.ask', target: 'roster', fields: { name: 'Ev\u202ee', departments: ['IT'] } });
    await sync(eve, sam);
    const names = (await sam.must('getPeople', {})).people.map((p) => p.name);
    expect(names).toContain('Ev⟨U+202E⟩e');
    expect(names.join('')).not.toContain('\u202e');
  });

  it('a change typed under another person’s name is shown under its own key’s name, in the queue, the page and the history; a new name of one’s own goes with the roster', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    const eve = await machine(share, 'Eve', 'Engineering');
    await sync(eve, sam);
    await sam.must('grantRole', { key: eve.store.ownKey!, role: 'member', department: 'Engineering' });
    const { id } = await sam.must('createRequest', laptopRequest('Engineering'));
    await sync(sam, eve);
    // Eve's computer, past the service, writes as Sam would: a reply and a request to Sales.
    const asSam = { user: 'Sam', department: 'Engineering' };
    eve.store.commit(asSam, { type: 'request.comment', target: id, fields: { body: 'Sam here: cancel this' } });
    const forged = randomUUID();
    eve.store.commit(asSam, {
      type: 'request.create',
      target: forged,
      fields: {
        type: 'General',
        title: 'Signed “Sam”',
        details: '',
        priority: 'P3',
        neededBy: new Date(Date.now() + 86_400_000).toISOString(),
        fromDepartment: 'Engineering',
        toDepartment: 'Sales',
      },
    });
    await sync(eve, sam);
    const page = await sam.must('getRequest', { id });
    expect(page.comments.map((c) => [c.actor.user, c.body])).toEqual([['Eve', 'Sam here: cancel this']]);
    expect(page.history.filter((h) => h.kind === 'comment').map((h) => h.actor.user)).toEqual(['Eve']);
    const incoming = (await sam.must('listRequests', { view: 'incoming' })).items;
    expect(incoming.find((r) => r.id === forged)?.requester).toBe('Eve');

    // A new name Eve gives herself reaches the roster, and her changes are shown under it.
    await eve.must('updateProfile', { name: 'Eve Adams' });
    await sync(eve, sam);
    expect((await sam.must('getRequest', { id })).comments.map((c) => c.actor.user)).toEqual(['Eve Adams']);
    expect((await sam.must('listRequests', { view: 'incoming' })).items.find((r) => r.id === forged)?.requester).toBe('Eve Adams');
    expect((await sam.must('getPeople', {})).people.find((p) => p.key === eve.store.ownKey)?.name).toBe('Eve Adams');
  });
});

describe('a lead hears of a request to join', () => {
  const always = { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [[0, 1440]] as [number, number][]), closures: [] };

  it('once, as a notification that opens People; not with the preference off', async () => {
    const share = tempDir('interdesk-share-');
    const sam = await machine(share, 'Sam', 'Sales');
    // Sales works around the clock here, so nothing is held for opening time.
    await sam.must('saveDepartmentConfig', { department: 'Sales', section: 'calendar', value: always });
    expect(sam.notifications.evaluate()).toEqual([]); // the baseline
    const eve = await machine(share, 'Eve', 'Engineering');
    await sync(eve, sam);
    expect(sam.notifications.evaluate()).toEqual([expect.objectContaining({ kind: 'joinRequest', title: 'Eve asks to join Engineering' })]);
    expect(sam.notifications.evaluate()).toEqual([]);
    // The tray keeps counting it until it is answered.
    expect(sam.notifications.tray()).toMatchObject({ joinRequests: 1, tooltip: 'Sales: 1 asking to join' });
    expect(eve.notifications.tray()?.joinRequests).toBe(0);
    // Eve is not told about others, and Sam with the preference off hears of the next one from nobody.
    expect(eve.notifications.evaluate()).toEqual([]);
    await sam.must('updatePreferences', { notifications: { joinRequest: false } });
    const ivy = await machine(share, 'Ivy', 'IT');
    await sync(ivy, sam);
    expect(sam.notifications.evaluate()).toEqual([]);
    expect(sam.notifications.tray()?.joinRequests).toBe(2);
    await sam.must('grantRole', { key: eve.store.ownKey!, role: 'member', department: 'Engineering' });
    expect(sam.notifications.tray()?.joinRequests).toBe(1);
  });
});
