import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../electron/store/digest.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import { KEEP_PACKED_SEGMENTS_MS, PACK_AFTER_SEGMENTS } from '../../electron/sync/packer.js';
import type { ShareFs } from '../../electron/sync/shareFs.js';
import { SyncEngine } from '../../electron/sync/syncEngine.js';
import { memoryShareFs } from '../helpers/memoryShareFs.js';
import { previousBuild } from '../helpers/previousBuild.js';
import { undoAfterEach } from '../helpers/undo.js';
import { defaultServicePage } from '../../shared/config/servicePage.js';
import { newColleague } from '../helpers/templates.js';
import { scrubs } from '../helpers/schedules.js';
import type { CreateRequestOp } from '../../shared/ops/operations.js';
import { occurrenceId } from '../../shared/config/recurrence.js';
import type { Build } from '../helpers/storeMachine.js';
import { saveRequest, storeMachine } from '../helpers/storeMachine.js';

/** The build before packs, as released: its own reader, unchanged, against a share this build packs. */
const { cleanup, tempDir } = undoAfterEach();
const SHARE = '/share';
const layout = new ShareLayout(SHARE);

function machine(build: Build, fs: ShareFs, now: () => number) {
  const m = storeMachine({ build, share: SHARE, dir: tempDir('interdesk-store-'), fs, now, identity: () => null, snapshots: false, fullScanEvery: 1 });
  cleanup.push(() => m.stop());
  return m;
}

const save = (store: RequestStore, title: string) => saveRequest(store, title);

describe('a machine still on the previous build, on a share where others pack', () => {
  it('keeps syncing: nothing it reads is removed while it has not said it reads packs', async () => {
    const old = await previousBuild('1dd2232');
    let now = Date.parse('2026-11-02T09:00:00Z');
    const clock = () => now;
    const fs = memoryShareFs(clock);
    await fs.mkdir(SHARE);
    const current = { SyncEngine, RequestStore };
    const a = machine(current, fs, clock);
    const o = machine(old, fs, clock);
    await o.engine.syncNow();
    for (let i = 0; i < PACK_AFTER_SEGMENTS + 6; i++) {
      save(a.store, `Save ${i + 1}`);
      await a.engine.syncNow();
      if (i % 10 === 0) await o.engine.syncNow(); // reading while packs are written
    }
    expect(fs.files.has(`${layout.packsDir(a.store.deviceId)}/000000000001-000000000064.pack`)).toBe(true);
    now += KEEP_PACKED_SEGMENTS_MS * 2;
    await a.engine.syncNow();
    expect(fs.files.has(layout.segmentPath(a.store.deviceId, 1))).toBe(true);

    // The previous build's machine, and one joining on it now, hold everything; so does a new one reading the pack.
    const late = machine(old, fs, clock);
    const fresh = machine(current, fs, clock);
    await Promise.all([o.engine.syncNow(), late.engine.syncNow(), fresh.engine.syncNow()]);
    const expected = stateDigest(a.store.operations());
    expect(stateDigest(o.store.operations())).toBe(expected);
    expect(stateDigest(late.store.operations())).toBe(expected);
    expect(stateDigest(fresh.store.operations())).toBe(expected);

    // And its own changes still reach the packing machine.
    save(o.store as unknown as RequestStore, 'From the previous build');
    await o.engine.syncNow();
    await a.engine.syncNow();
    expect([...a.store.requests()].some((r) => r.create?.fields.title === 'From the previous build')).toBe(true);
  });

  it('the build before dates, corrections, hand-overs, ratings, service pages, templates, chains and schedules keeps syncing past them, and holds them for later', async () => {
    const old = await previousBuild('ebb6ed3');
    let now = Date.parse('2026-11-02T09:00:00Z');
    const clock = () => now;
    const fs = memoryShareFs(clock);
    await fs.mkdir(SHARE);
    const a = machine({ SyncEngine, RequestStore }, fs, clock);
    const o = machine(old, fs, clock);
    await o.engine.syncNow();
    const sales = { user: 'Sam', department: 'Sales' };
    const engineering = { user: 'Eve', department: 'Engineering' };
    const created = save(a.store, 'Drawing for order 4711');
    const id = created.target;
    const propose = a.store.commit(engineering, {
      type: 'request.proposeDate',
      target: id,
      fields: { neededBy: '2026-12-30T16:00:00.000Z', reason: 'A new die' },
    });
    now += 60_000;
    a.store.commit(sales, { type: 'request.acceptDate', target: id, fields: { proposal: propose.id } });
    a.store.commit(sales, { type: 'request.edit', target: id, fields: { field: 'title', value: 'Drawing for order 4712' } });
    a.store.commit(engineering, { type: 'request.transfer', target: id, fields: { toDepartment: 'IT', typeId: 'general', type: 'General request' } });
    a.store.commit(sales, { type: 'request.rate', target: id, fields: { again: true } });
    a.store.commit(engineering, { type: 'config.service', target: 'config', fields: { department: 'IT', page: defaultServicePage('IT') } });
    a.store.commit(engineering, { type: 'config.templates', target: 'config', fields: { department: 'Engineering', templates: [newColleague()] } });
    a.store.commit(sales, {
      type: 'request.chain',
      target: id,
      fields: {
        template: 'visit',
        name: 'Customer visit',
        anchor: '2026-12-30',
        steps: [{ step: 'spec', request: id, department: 'IT', title: 'Spec', waitsFor: [] }],
      },
    });
    a.store.commit(sales, { type: 'config.schedule', target: 'config', fields: { department: 'Sales', schedule: scrubs() } });
    // A recurring request's occurrence: a creation with a field the previous build does not know (it drops it).
    const occurrence = occurrenceId('Sales', 'scrubs', '2026-12-02');
    a.store.commit(sales, {
      type: 'request.create',
      target: occurrence,
      fields: { ...(created as CreateRequestOp).fields, title: 'Scrubs', occurrence: { schedule: 'scrubs', date: '2026-12-02' } },
    });
    // And after them, a change every build knows.
    a.store.commit(sales, { type: 'request.comment', target: id, fields: { body: 'Revision C, please' } });
    await a.engine.syncNow();
    await o.engine.syncNow();
    // The previous build holds every operation (it passes the new ones over in its fold) and folds what it knows.
    expect(stateDigest(o.store.operations())).toBe(stateDigest(a.store.operations()));
    const seen = [...o.store.requests()].find((r) => r.id === id);
    expect([seen?.create?.fields.title, seen?.commentCount]).toEqual(['Drawing for order 4711', 1]);
    expect([...o.store.requests()].find((r) => r.id === occurrence)?.create?.fields.title).toBe('Scrubs');
    // Its own changes still reach this build.
    save(o.store as unknown as RequestStore, 'From the build before');
    await o.engine.syncNow();
    await a.engine.syncNow();
    expect([...a.store.requests()].some((r) => r.create?.fields.title === 'From the build before')).toBe(true);
  });
});
