import { keyFromSeed, publishDevice } from '../helpers/keys.js';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorker, runUntilKilled } from '../helpers/killedWorker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { parseOperationId } from '../../shared/ops/operations.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import { ShareLayout, parseSegmentName } from '../../electron/sync/format/layout.js';
import { decodeSegment, encodeSegment } from '../../electron/sync/format/segment.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 110);
const root = mkdtempSync(join(tmpdir(), 'interdesk-crash-'));
let worker = '';
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  worker = await bundleWorker('test/integration/workers/crashWorker.ts', root);
});

/** Another device's segments, added as the test goes, so the worker is killed mid-pull too. */
function peerSegment(layout: ShareLayout, peer: string, first: number, count: number): number {
  const ops: Operation[] = Array.from({ length: count }, (_, i) => ({
    id: `${peer}:${first + i}`,
    hlc: formatHlc({ wall: Date.now(), counter: first + i, device: peer }),
    actor: { user: 'Peer', department: 'IT' },
    type: 'request.comment',
    target: 'peer-thread',
    fields: { body: `peer ${first + i}` },
  }));
  mkdirSync(layout.logDir(peer), { recursive: true });
  if (first === 1) publishDevice(layout, peer, keyFromSeed(peer));
  writeFileSync(layout.segmentPath(peer, first), encodeSegment(peer, ops, keyFromSeed(peer).sign));
  return first + count - 1;
}

describe('SIGKILL at random points of write and sync', () => {
  it(`loses no acknowledged change, never applies half a segment, and the store always opens (${KILLS} kills)`, async () => {
    const dataDir = join(root, 'device');
    const share = join(root, 'share');
    mkdirSync(share);
    const layout = new ShareLayout(share);
    const deviceId = 'crash-device';
    const peer = 'peer-device';
    const peerLasts = new Set<number>([0]);
    let peerSeq = 0;
    const acknowledged: string[] = [];

    for (let kill = 0; kill < KILLS; kill++) {
      if (kill % 2 === 0) peerLasts.add((peerSeq = peerSegment(layout, peer, peerSeq + 1, 1 + (kill % 7) * 40)));
      acknowledged.push(...(await runUntilKilled(worker, [dataDir, share, deviceId], Math.floor(Math.random() * 60))));

      const store = RequestStore.open({ dir: join(dataDir), deviceId });
      try {
        const stored = new Set(store.operations().map((op) => op.id));
        for (const id of acknowledged) expect(stored.has(id), `acknowledged ${id} lost after kill ${kill}`).toBe(true);
        // The peer's operations are a whole number of segments: no segment was applied in part.
        expect(peerLasts.has(store.maxSeq(peer)), `peer cursor ${store.maxSeq(peer)} is inside a segment`).toBe(true);
        const held = [...stored].filter((id) => parseOperationId(id).deviceId === peer).length;
        expect(held).toBe(store.maxSeq(peer));
      } finally {
        store.close();
      }
    }

    // Every segment the worker gave a final name is whole.
    const own = readdirSync(layout.logDir(deviceId)).filter((n) => parseSegmentName(n));
    expect(own.length).toBeGreaterThan(0);
    for (const name of own) {
      const seg = decodeSegment(readFileSync(join(layout.logDir(deviceId), name)), deviceId, parseSegmentName(name)!.first, { key: null });
      expect(seg.ok, `${name}: ${seg.ok ? '' : seg.reason}`).toBe(true);
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  }, 180_000);
});
