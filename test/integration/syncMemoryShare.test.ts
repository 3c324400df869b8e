import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { RequestStore } from '../../electron/store/requestStore.js';
import { stateDigest } from '../../electron/store/digest.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { memoryShareFs } from '../helpers/memoryShareFs.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();
const SHARE = '/share';

/** A machine: its own local store on disk, syncing through the in-memory share. */
function machine(fs: ReturnType<typeof memoryShareFs>, options: { watch?: boolean; now?: () => number } = {}) {
  const store = RequestStore.open({ dir: tempDir('interdesk-store-'), deviceId: randomUUID(), ...(options.now ? { now: options.now } : {}) });
  const engine = new SyncEngine({
    store,
    fs,
    sharePath: () => SHARE,
    identity: () => ({ user: 'Sam', department: 'Sales' }),
    watch: options.watch ?? false,
    pollMs: 3_600_000,
    flushDelayMs: 0,
    ...(options.now ? { now: options.now } : {}),
  });
  store.onCommit = () => engine.notifyLocalChange();
  cleanup.push(() => {
    engine.stop();
    store.close();
  });
  return { store, engine };
}

const create = (store: RequestStore, title: string) =>
  store.commit(
    { user: 'Sam', department: 'Sales' },
    {
      type: 'request.create',
      target: randomUUID(),
      fields: {
        type: 'General request',
        title,
        details: '',
        priority: 'P3',
        neededBy: '2026-12-24T16:00:00.000Z',
        fromDepartment: 'Sales',
        toDepartment: 'IT',
      },
    },
  );

describe('the sync engine over an in-memory share (no node:fs on the share side)', () => {
  it('creates the share, writes segments under the device, and another machine reads them', async () => {
    const fs = memoryShareFs();
    await fs.mkdir(SHARE);
    const a = machine(fs);
    const b = machine(fs);
    const op = create(a.store, 'Laptop for Dana');
    expect((await a.engine.syncNow()).state).toBe('synced');
    expect([...fs.files.keys()]).toContain(`${SHARE}/Interdesk/devices/${a.store.deviceId}/log/000000000001.seg`);
    await b.engine.syncNow();
    expect(b.store.request(op.target)?.create?.fields.title).toBe('Laptop for Dana');
    expect(stateDigest(b.store.operations())).toBe(stateDigest(a.store.operations()));
  });

  it('a watched share brings a colleague’s change without anyone asking for a sync', async () => {
    const fs = memoryShareFs();
    await fs.mkdir(SHARE);
    const a = machine(fs);
    const b = machine(fs, { watch: true });
    b.engine.start();
    await vi.waitFor(() => expect(b.engine.current.state).toBe('synced'), { timeout: 10_000 });
    const op = create(a.store, 'Badge for the new rep');
    await a.engine.syncNow();
    await vi.waitFor(() => expect(b.store.request(op.target)).toBeDefined(), { timeout: 10_000 });
  });

  it('writes with the share’s time when the local clock is far off, and says so', async () => {
    const fs = memoryShareFs(() => Date.parse('2026-11-30T12:00:00Z'));
    await fs.mkdir(SHARE);
    const a = machine(fs, { now: () => Date.parse('2026-11-30T15:00:00Z') });
    const status = await a.engine.syncNow();
    expect(status.clockSkewMs).toBe(3 * 3_600_000);
    expect(a.store.clockNow()).toBe(Date.parse('2026-11-30T12:00:00Z'));
  });
});
