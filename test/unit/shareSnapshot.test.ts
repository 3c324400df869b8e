import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestOperation } from '../../shared/ops/operations.js';
import { QueueIndex } from '../../shared/model/queueIndex.js';
import type { ShareSnapshot } from '../../electron/sync/format/shareSnapshot.js';
import { decodeSnapshot, encodeSnapshot, snapshotName } from '../../electron/sync/format/shareSnapshot.js';
import { SNAPSHOT_EVERY, referenceCandidates, snapshotTurn } from '../../electron/sync/snapshotWrite.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp, linkOp, noteOp, statusOp, watchOp } from '../helpers/ops.js';

const T = Date.UTC(2026, 10, 23, 9);

/** dev-a's log: its own two lines, then a pulled line of dev-b's. */
const lines: [string, number, number][] = [
  ['dev-a', 1, 2],
  ['dev-a', 3, 4],
  ['dev-b', 1, 4],
];
const byLine: RequestOperation[][] = [
  [createOp(REQUEST_A, 'dev-a', 1, T), createOp(REQUEST_B, 'dev-a', 2, T + 1_000, 'Access for new hire')],
  [watchOp(REQUEST_A, 'dev-a', 3, T + 140_000, true), linkOp(REQUEST_B, 'dev-a', 4, T + 150_000, REQUEST_A)],
  [
    statusOp(REQUEST_A, 'dev-b', 1, T + 60_000, 'waiting_on_requester'),
    commentOp(REQUEST_A, 'dev-b', 2, T + 61_000, 'On it'),
    noteOp(REQUEST_A, 'dev-b', 3, T + 30_000, 'Check the budget first'),
    statusOp(REQUEST_B, 'dev-b', 4, T + 130_000, 'declined'),
  ],
];

function snapshotOf(): Omit<ShareSnapshot, 'header'> & { device: string; opCount: number } {
  const index = new QueueIndex();
  byLine.forEach((ops, line) => ops.forEach((op) => index.apply(op, line)));
  return { device: 'dev-a', opCount: 8, lines, people: index.dumpPeople(), clock: byLine[1]![1]!.hlc, entries: index.dump() };
}

const encoded = (s = snapshotOf()) => Buffer.concat([...encodeSnapshot(s, null)]);
const name = snapshotName(8, 'dev-a');

/** The snapshot with one of its entries changed, re-encoded whole (so every checksum holds). */
function withEntry(change: (e: Record<string, unknown>) => void) {
  const s = snapshotOf();
  const entries = structuredClone(s.entries);
  change(entries[0] as unknown as Record<string, unknown>);
  return encoded({ ...s, entries });
}

describe('share snapshot format', () => {
  it('reads back what was written: the index entries, lines, people and clock', async () => {
    const s = snapshotOf();
    const decoded = await decodeSnapshot(encoded(s), name, null);
    expect(decoded).toEqual({
      ok: true,
      snapshot: {
        header: { interdesk: 'snapshot', v: 1, device: 'dev-a', opCount: 8, entries: 2 },
        ...JSON.parse(JSON.stringify({ lines, people: s.people, clock: s.clock, entries: s.entries })),
      },
    });
    // A restored index answers as the one that wrote it.
    const restored = QueueIndex.restore((decoded as { snapshot: ShareSnapshot }).snapshot.entries, s.people);
    expect(restored.get(REQUEST_A)).toMatchObject({ status: { value: 'waiting_on_requester' }, commentCount: 1, lines: [0, 1, 2] });
    expect(restored.linking(REQUEST_A)).toEqual([REQUEST_B]);
  });

  it('a file cut anywhere, or with a byte changed, is not used', async () => {
    const bytes = encoded();
    for (const cut of [1, 10, 100, bytes.length / 2, bytes.length - 2]) {
      expect(await decodeSnapshot(bytes.subarray(0, Math.floor(cut)), name, null)).toMatchObject({ ok: false });
    }
    const flipped = Buffer.from(bytes);
    // Still JSON, still the right shape: only the checksum can tell.
    flipped[flipped.indexOf('Laptop')] = 'X'.charCodeAt(0);
    expect(await decodeSnapshot(flipped, name, null)).toEqual({ ok: false, reason: 'its checksum does not match' });
  });

  it('a newer format is reported as such, and a name that does not match the header is refused', async () => {
    const newer = Buffer.from(encoded().toString().replace('"v":1', '"v":2'));
    expect(await decodeSnapshot(newer, name, null)).toMatchObject({ ok: false, newerFormat: true });
    expect(await decodeSnapshot(encoded(), snapshotName(9, 'dev-a'), null)).toEqual({ ok: false, reason: 'its header does not match its name' });
    expect(await decodeSnapshot(encoded(), 'notes.txt', null)).toEqual({ ok: false, reason: 'not a snapshot name' });
  });

  it('refuses entries that do not have the shape the queues read', async () => {
    const bad: [string, (e: Record<string, unknown>) => void][] = [
      ['a status that does not exist', (e) => ((e.status as Record<string, unknown>).value = 'lost')],
      ['a line the history does not have', (e) => ((e.lines as number[])[0] = 3)],
      ['a creation of another request', (e) => ((e.create as Record<string, unknown>).target = REQUEST_B)],
      ['a register without its clock', (e) => delete (e.status as Record<string, unknown>).hlc],
      ['marks that are not number triples', (e) => (e.marks as unknown[]).push('soon')],
      ['a negative comment count', (e) => (e.commentCount = -1)],
      ['a watcher register that is not a yes or no', (e) => ((e.watchers as Record<string, { value: unknown }>).Sam!.value = 'maybe')],
    ];
    for (const [what, change] of bad) {
      expect(await decodeSnapshot(withEntry(change), name, null), what).toEqual({ ok: false, reason: 'the entry on line 3 is malformed' });
    }
    const twice = snapshotOf();
    expect(await decodeSnapshot(encoded({ ...twice, entries: [twice.entries[0]!, twice.entries[0]!] }), name, null)).toEqual({
      ok: false,
      reason: 'the entry on line 4 is malformed',
    });
  });

  it('names the first entry line that is not one JSON value, however the lines are parsed together', async () => {
    // The lines between header and trailer rewritten as a writer that does not frame them would, checksum recomputed.
    const withLines = (change: (lines: string[]) => void) => {
      const all = encoded().toString('utf8').split('\n').slice(0, -1);
      const middle = all.slice(1, -1);
      change(middle);
      const body = Buffer.from(middle.map((l) => `${l}\n`).join(''));
      const trailer = { count: middle.length - 1, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
      return Buffer.from(`${all[0]}\n${body.toString('utf8')}${JSON.stringify(trailer)}\n`);
    };
    const notJson = withLines((lines) => (lines[1] = 'not json'));
    expect(await decodeSnapshot(notJson, name, null)).toEqual({ ok: false, reason: 'the entry on line 3 is malformed' });
    // Two values on one line would parse as one more entry in an array of the lines.
    const twoOnOne = withLines((lines) => (lines[1] = `${lines[1]},${lines[2]}`));
    expect(await decodeSnapshot(twoOnOne, name, null)).toEqual({ ok: false, reason: 'the entry on line 3 is malformed' });
  });

  it('refuses line sources with a gap, a repeat, or a count that does not add up', async () => {
    const s = snapshotOf();
    const cases: [[string, number, number][], number, string][] = [
      [
        [
          ['dev-a', 1, 2],
          ['dev-a', 4, 4],
          ['dev-b', 1, 4],
        ],
        7,
        "its lines do not hold dev-a's operations in order",
      ],
      [
        [
          ['dev-a', 1, 2],
          ['dev-a', 1, 2],
          ['dev-b', 1, 4],
        ],
        8,
        "its lines do not hold dev-a's operations in order",
      ],
      [lines, 9, 'its lines do not add up to its operation count'],
    ];
    for (const [sources, opCount, reason] of cases) {
      expect(await decodeSnapshot(encoded({ ...s, lines: sources, opCount }), snapshotName(opCount, 'dev-a'), null)).toEqual({ ok: false, reason });
    }
  });
});

describe('whose turn it is to write a snapshot', () => {
  const devices = Array.from({ length: 10 }, (_, i) => `device-${i}`);
  const takers = (opCount: number, newest: string | null) => devices.filter((me) => snapshotTurn(opCount, newest, devices, me));

  it('nobody while the newest snapshot is less than SNAPSHOT_EVERY behind', () => {
    expect(takers(SNAPSHOT_EVERY - 1, null)).toEqual([]);
    expect(takers(3 * SNAPSHOT_EVERY - 1, snapshotName(2 * SNAPSHOT_EVERY, 'device-3'))).toEqual([]);
  });

  it('two devices, the same two for everyone, and others after the next snapshot', () => {
    const first = takers(SNAPSHOT_EVERY, null);
    expect(first).toHaveLength(2);
    const next = takers(2 * SNAPSHOT_EVERY, snapshotName(SNAPSHOT_EVERY, first[0]!));
    expect(next).toHaveLength(2);
    expect(next).not.toEqual(first);
  });

  it('more devices when the chosen ones stay away, but never all of a big company', () => {
    expect(takers(2 * SNAPSHOT_EVERY, null)).toHaveLength(4);
    expect(takers(50 * SNAPSHOT_EVERY, null)).toHaveLength(8);
  });

  it('a snapshot claiming more than this device holds is not a candidate for the newest; the others are, newest first', () => {
    const names = [snapshotName(100, 'a'), snapshotName(5_000, 'b'), snapshotName(999_999_999, 'c'), 'readme.txt'];
    expect(referenceCandidates(names, 10_000)).toEqual([snapshotName(5_000, 'b'), snapshotName(100, 'a')]);
  });
});
