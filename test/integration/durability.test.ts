import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { formatHlc } from '../../shared/ops/hlc.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestServices } from '../helpers/services.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { setUpAs, startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup } = undoAfterEach();

function fresh(): TestServices {
  const s = startServices();
  cleanup.push(() => s.dispose());
  return s;
}

describe('the local store', () => {
  it('survives a restart: requests, statuses, comments and the profile are all there', async () => {
    let s = fresh();
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    await s.must('updateProfile', { department: 'Engineering' });
    await s.must('changeStatus', { id, status: 'acknowledged' });
    await s.must('addComment', { id, body: 'Ordered' });

    s = s.reopen();
    cleanup.push(() => s.close());
    expect((await s.must('getSession', {})).profile).toEqual({ name: 'Sam', department: 'Engineering' });
    const detail = await s.must('getRequest', { id });
    expect(detail.status).toBe('acknowledged');
    expect(detail.comments.map((c) => c.body)).toEqual(['Ordered']);

    // New operations after a restart continue the device's sequence instead of reusing ids.
    await s.must('addComment', { id, body: 'Shipped' });
    const ids = (await s.must('getRequest', { id })).history.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('drops a torn last line (a write that was never acknowledged) and keeps everything before it', async () => {
    let s = fresh();
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    s.close();
    appendFileSync(join(s.dataDir, 'store', 'operations.jsonl'), '[{"id":"torn:1","hlc":"0000');
    s = s.reopen();
    cleanup.push(() => s.close());
    expect((await s.must('getRequest', { id })).title).toBe('Laptop for Dana');
    await s.must('addComment', { id, body: 'After the tear' });
    s = s.reopen();
    cleanup.push(() => s.close());
    expect((await s.must('getRequest', { id })).comments).toHaveLength(1);
  });
});

describe('a start from a snapshot', () => {
  it('keeps the clock ahead of everything folded in, so new edits sort after what was seen', async () => {
    let s = fresh();
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    // A colleague's comment stamped five minutes ahead of this machine's clock (within the tolerance) arrives through the share.
    const ahead = formatHlc({ wall: Date.now() + 5 * 60_000, counter: 0, device: 'colleague' });
    s.store.ingest([
      { id: 'colleague:1', hlc: ahead, actor: { user: 'Eve', department: 'Engineering' }, type: 'request.comment', target: id, fields: { body: 'Tomorrow' } },
    ]);
    s = s.reopen();
    cleanup.push(() => s.close());
    const op = s.store.commit({ user: 'Sam', department: 'Sales' }, { type: 'request.comment', target: id, fields: { body: 'Thanks' } });
    expect(op.hlc > ahead).toBe(true);
    expect(existsSync(join(s.dataDir, 'store', 'snapshot.json'))).toBe(true);
  });
});

describe('a damaged batch in the middle of the local log', () => {
  it('cuts the log there: nothing after a gap is kept, and nothing acknowledged is before it', async () => {
    let s = fresh();
    await setUpAs(s, 'Sam', 'Sales');
    const { id } = await s.must('createRequest', laptopRequest());
    s.close();
    const log = join(s.dataDir, 'store', 'operations.jsonl');
    const before = readFileSync(log).length;
    // A power cut wrote a later page but not an earlier one: zeros, then a whole batch.
    appendFileSync(log, `${'\u0000'.repeat(40)}\n[]\n`);
    s = s.reopen();
    cleanup.push(() => s.close());
    expect(s.store.damagedLines).toBe(1);
    expect(readFileSync(log).length).toBe(before);
    expect((await s.must('getRequest', { id })).title).toBe('Laptop for Dana');
  });
});

describe('a process killed with SIGKILL', () => {
  it('loses no change it acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'interdesk-kill-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const acknowledged: string[] = [];

    for (let round = 0; round < 4; round++) {
      const server = await startServerProcess(dataDir);
      if (round === 0) {
        await server.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: join(dataDir, 'share') });
      }
      // Saves go out back to back; the kill lands right after an acknowledgement, with more in flight.
      const target = 3 + round * 2;
      let acks = 0;
      await new Promise<void>((done) => {
        const fire = () => {
          void server.call('createRequest', { ...laptopRequest(), title: `Round ${round} #${acks}` }).then(
            (r) => {
              if (r.ok) acknowledged.push(r.value.id);
              if (++acks === target) void server.kill('SIGKILL').then(done);
              else fire();
            },
            () => done(),
          );
        };
        fire();
        fire();
      });
    }

    const s = startServices(dataDir);
    cleanup.push(() => s.close());
    const stored = new Set((await s.must('listRequests', { view: 'outgoing', includeClosed: true })).items.map((r) => r.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(3 + 5 + 7 + 9);
    for (const id of acknowledged) expect(stored.has(id), `acknowledged request ${id} was lost`).toBe(true);
  });
});
