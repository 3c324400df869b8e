import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../electron/store/snapshot.js';
import { loadSnapshot, saveSnapshot } from '../../electron/store/snapshot.js';
import { OPERATION_TYPES } from '../../shared/ops/operations.js';
import { asLines, writeCraftedSegment } from '../helpers/hostileShare.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp } from '../helpers/ops.js';
import type { TestServices } from '../helpers/services.js';
import { admitKey, startServices } from '../helpers/services.js';
import { keyFromSeed } from '../helpers/keys.js';
import { undoAfterEach } from '../helpers/undo.js';

/**
 * A share written by a "future" build (docs/sync.md §Mixed versions): a type this build does not
 * know, and a field it does not know on a type it does. Made here, as that build would write it.
 */
const { cleanup, tempDir } = undoAfterEach();

async function machine(share: string, dataDir = tempDir('interdesk-machine-')): Promise<TestServices> {
  const s = startServices(dataDir, undefined, { watch: false, reportAfterMs: 0 });
  cleanup.push(() => s.close());
  if (!(await s.must('getSession', {})).profile) await s.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
  await s.sync.syncNow();
  return s;
}

describe('a share a newer build writes to', () => {
  it('keeps syncing: unknown types and fields are kept in the log, passed over by the fold, counted in the status, and what follows them arrives', async () => {
    const share = tempDir('interdesk-share-');
    const eve = await machine(share);
    // A colleague's machine on a newer build, admitted as any other.
    await admitKey(eve, keyFromSeed('future').publicKey, 'Engineering');
    const now = Date.now();
    const created = createOp(REQUEST_A, 'future', 1, now, 'Pallets');
    writeCraftedSegment(
      share,
      'future',
      1,
      asLines([
        { ...created, fields: { ...created.fields, costCentre: 'CC-4410' } },
        { ...commentOp(REQUEST_A, 'future', 2, now + 1, ''), type: 'request.forecast', fields: { level: 2, to: { department: 'Operations' } } },
        commentOp(REQUEST_A, 'future', 3, now + 2, 'Escalated to Operations'),
      ]),
    );
    writeCraftedSegment(share, 'future', 4, asLines([createOp(REQUEST_B, 'future', 4, now + 3, 'Forklift')]));
    const status = await eve.sync.syncNow();

    expect((await eve.must('listRequests', { view: 'incoming' })).items.map((r) => r.title).sort()).toEqual(['Forklift', 'Pallets']);
    expect((await eve.must('getRequest', { id: REQUEST_A })).comments.map((c) => c.body)).toEqual(['Escalated to Operations']);
    expect(status.problems).toContain('1 change needs a newer Interdesk: kept on this computer, and shown once Interdesk is updated.');
    const log = readFileSync(join(eve.dataDir, 'store', 'operations.jsonl'), 'utf8');
    expect(log).toContain('"type":"request.forecast"');
    expect(log).toContain('"costCentre":"CC-4410"');
    // The operation's new field is not kept in memory: the queue's creation holds what this build knows.
    expect(eve.store.request(REQUEST_A)!.create!.fields).not.toHaveProperty('costCentre');

    // Counted again after a restart, from the local snapshot as from the log.
    eve.close();
    const again = await machine(share, eve.dataDir);
    expect((await again.must('getSyncStatus', {})).problems).toContain(
      '1 change needs a newer Interdesk: kept on this computer, and shown once Interdesk is updated.',
    );
  });

  it('a local snapshot made by a build that passed some changes over is not used by a build that knows more types: the log is read again', () => {
    const dir = tempDir('interdesk-snap-');
    const base: Snapshot = {
      version: 6,
      deviceId: 'dev-a',
      position: { bytes: 0, lineOffsets: [] },
      opCount: 0,
      foreign: 1,
      unreadable: 0,
      knownTypes: OPERATION_TYPES.filter((t) => t !== 'request.watch'),
      auditPending: false,
      clock: '000000000000000:000000:dev-a',
      maxSeqs: [],
      own: [],
      entries: [],
      people: [],
      config: { seed: null, sections: [] },
      configLines: [],
      roster: [],
      refusals: [],
    };
    saveSnapshot(dir, base);
    expect(loadSnapshot(dir, 'dev-a')).toBeNull();
    saveSnapshot(dir, { ...base, foreign: 0 });
    expect(loadSnapshot(dir, 'dev-a')).not.toBeNull();
    saveSnapshot(dir, { ...base, knownTypes: [...OPERATION_TYPES] });
    expect(loadSnapshot(dir, 'dev-a')).not.toBeNull();
  });
});
