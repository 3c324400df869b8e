import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import type { SyncthingPair } from '../helpers/syncthing.js';
import { startSyncthingPair } from '../helpers/syncthing.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { admitAsked } from '../helpers/admit.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();

/** Waits for `ok`, up to `ms`; Syncthing takes a second or two per change here. */
async function eventually(ok: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`Waited ${ms / 1000} s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function pair(): Promise<SyncthingPair> {
  const p = await startSyncthingPair(tempDir('interdesk-syncthing-'));
  cleanup.push(() => p.stop());
  await eventually(() => p.connected(), 'the two Syncthing daemons to connect');
  return p;
}

/** A machine on its own folder, syncing when told to (as its poll would). */
async function machine(folder: string, name: string, department: string): Promise<TestServices> {
  // Admitted by the test itself, once Syncthing has carried the request to join across.
  const m = startServices(tempDir('interdesk-machine-'), undefined, { pollMs: 3_600_000, watch: false }, { admit: false });
  cleanup.push(() => m.close());
  await m.must('completeSetup', { name, department, sharePath: folder });
  return m;
}

/** Syncs `m` until `ok` holds. */
const syncUntil = (m: TestServices, ok: () => Promise<boolean>, what: string) => eventually(async () => (await m.sync.syncNow(), ok()), what);

describe('two machines whose shared folders are kept in step by Syncthing', () => {
  it('a request made on A reaches B’s queue, and B’s reply reaches A', { timeout: 90_000 }, async () => {
    const { folders } = await pair();
    const a = await machine(folders[0], 'Sam', 'Sales');
    await eventually(() => existsSync(join(folders[1], 'Interdesk', 'format.json')), 'the share’s format.json to reach B’s folder');
    const b = await machine(folders[1], 'Eve', 'Engineering');
    // Eve asks to join Engineering; Sam, the share's creator, admits her once her request is there.
    await b.sync.syncNow();
    await syncUntil(a, async () => (await a.must('getPeople', {})).people.some((p) => p.asking.includes('Engineering')), 'Eve’s request to join on A');
    await admitAsked(a);
    await syncUntil(b, async () => (await b.must('getSession', {})).membership?.verified === true, 'Eve’s admission on B');

    const { id } = await a.must('createRequest', laptopRequest());
    await a.sync.syncNow();
    await syncUntil(b, async () => (await b.must('listRequests', { view: 'incoming' })).items.some((r) => r.id === id), 'the request in B’s Incoming queue');

    await b.must('changeStatus', { id, status: 'acknowledged' });
    await b.must('addComment', { id, body: 'Ordered' });
    await b.sync.syncNow();
    await syncUntil(a, async () => (await a.must('getRequest', { id })).comments.length === 1, 'B’s reply on A');
    expect(await a.must('getRequest', { id })).toMatchObject({ status: 'acknowledged', comments: [{ body: 'Ordered' }] });
    expect(stateDigest(a.store.operations())).toBe(stateDigest(b.store.operations()));
  });

  it('two machines set up at the same moment on an empty folder end on one share, with nothing lost', { timeout: 120_000 }, async () => {
    const { folders } = await pair();
    // Both create the share before Syncthing has carried anything across: two format.json files.
    const [a, b] = await Promise.all([machine(folders[0], 'Sam', 'Sales'), machine(folders[1], 'Eve', 'Engineering')]);
    const made = await a.must('createRequest', laptopRequest());
    const back = await b.must('createRequest', laptopRequest('Sales'));
    const listed = async (m: TestServices) => (await m.must('listRequests', { view: 'all' })).items.map((r) => r.id).sort();
    const both = [made.id, back.id].sort();
    await eventually(async () => {
      await Promise.all([a.sync.syncNow(), b.sync.syncNow()]);
      return JSON.stringify(await listed(a)) === JSON.stringify(both) && JSON.stringify(await listed(b)) === JSON.stringify(both);
    }, 'each machine to have both requests');
    expect(a.store.shareId).toBe(b.store.shareId);
    expect(stateDigest(a.store.operations())).toBe(stateDigest(b.store.operations()));
  });
});
