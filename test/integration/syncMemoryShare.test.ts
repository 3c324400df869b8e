import { describe, expect, it, vi } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import { memoryShareFs } from '../helpers/memoryShareFs.js';
import { undoAfterEach } from '../helpers/undo.js';
import { saveRequest, storeMachine } from '../helpers/storeMachine.js';

const { cleanup, tempDir } = undoAfterEach();
const SHARE = '/share';

/** A machine: its own local store on disk, syncing through the in-memory share. */
function machine(fs: ReturnType<typeof memoryShareFs>, options: { watch?: boolean; now?: () => number } = {}) {
  const m = storeMachine({ share: SHARE, dir: tempDir('interdesk-store-'), fs, flushDelayMs: 0, ...options });
  m.store.onCommit = () => m.engine.notifyLocalChange();
  cleanup.push(() => m.stop());
  return m;
}

const create = saveRequest;

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
