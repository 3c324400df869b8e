import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServices } from '../helpers/services.js';
import { laptopRequest, setUpAs, startServices } from '../helpers/services.js';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

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

/** Runs the browser-transport server from source on `dataDir` and answers its base URL and token. */
async function startServer(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/preview.ts', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /INTERDESK_READY (.+)/.exec(out);
      if (m) resolve(JSON.parse(m[1]!) as { port: number; token: string });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const call = async (method: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${ready.port}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; value?: { id: string } };
  };
  const killed = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { call, kill: () => (child.kill('SIGKILL'), killed) };
}

describe('a process killed with SIGKILL', () => {
  it('loses no change it acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'interdesk-kill-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const acknowledged: string[] = [];

    for (let round = 0; round < 4; round++) {
      const server = await startServer(dataDir);
      if (round === 0) {
        expect((await server.call('completeSetup', { name: 'Sam', department: 'Sales', sharePath: join(dataDir, 'share') })).ok).toBe(true);
      }
      // Saves go out back to back; the kill lands right after an acknowledgement, with more in flight.
      const target = 3 + round * 2;
      let acks = 0;
      await new Promise<void>((done) => {
        const fire = () => {
          void server.call('createRequest', { ...laptopRequest(), title: `Round ${round} #${acks}` }).then(
            (r) => {
              if (r.ok) acknowledged.push(r.value!.id);
              if (++acks === target) void server.kill().then(done);
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
