// @vitest-environment jsdom
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanup as unmount, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App.js';
import { applyEvent } from '../../renderer/src/state/applyEvent.js';
import { StoreProvider } from '../../renderer/src/state/context.js';
import { localDraftShelf } from '../../renderer/src/state/draftShelf.js';
import { createAppStore } from '../../renderer/src/state/store.js';
import { stateDigest } from '../../electron/store/digest.js';
import { ShareLayout } from '../../electron/sync/format/layout.js';
import type { HostileFile } from '../helpers/hostileFiles.js';
import { hostileFiles } from '../helpers/hostileFiles.js';
import { inProcessClient } from '../helpers/inProcessClient.js';
import { laptopRequest } from '../helpers/requestInputs.js';
import type { TestServices } from '../helpers/services.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

/**
 * The share as an attacker's playground (docs/sync.md §Hostile files): fast-check writes hostile
 * files of every kind into a share two honest machines use. After each round both still start,
 * still list every honest request, hold the same data, still sync with each other, and the
 * victim's window still renders. `npm test` runs 200 rounds, `npm run fuzz` 5,000 (or
 * INTERDESK_FUZZ_RUNS); a failure prints its seed, and INTERDESK_FUZZ_SEED replays it.
 */
const RUNS = Number(process.env.INTERDESK_FUZZ_RUNS ?? (process.env.npm_lifecycle_event === 'fuzz' ? 5_000 : 200));
const SEED = process.env.INTERDESK_FUZZ_SEED ? Number(process.env.INTERDESK_FUZZ_SEED) : undefined;
const { tempDir } = undoAfterEach();

let share: string;
let root: string;
let sam: TestServices;
let eve: TestServices;
const honest: string[] = [];

function start(dataDir: string, admit = true): TestServices {
  // Every other cycle a full scan: syncBoth gives each machine one, so conflict copies reach both in a round.
  return startServices(dataDir, undefined, { watch: false, reportAfterMs: 0, fullScanEvery: 2 }, { admit });
}

beforeAll(async () => {
  share = tempDir('interdesk-fuzz-share-');
  root = new ShareLayout(share).root;
  sam = start(tempDir('interdesk-fuzz-sam-'));
  await sam.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
  await sam.sync.syncNow();
  eve = start(tempDir('interdesk-fuzz-eve-'));
  await eve.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
  for (let i = 0; i < 3; i++) honest.push((await sam.must('createRequest', laptopRequest())).id);
  const data = Buffer.from('honest attachment').toString('base64');
  await sam.must('addAttachment', { id: honest[0]!, name: 'quote.txt', mime: 'text/plain', data });
  await syncBoth();
});
afterAll(() => {
  sam.close();
  eve.close();
});

async function syncBoth(): Promise<void> {
  for (const m of [sam, eve, sam, eve]) await m.sync.syncNow();
}

const listed = async (m: TestServices) => (await m.must('listRequests', { view: 'all', includeClosed: true })).items.map((r) => r.id);

/** Every honest request is listed, on both machines, and both hold the same operations. */
async function bothWhole(): Promise<void> {
  for (const m of [sam, eve]) expect(await listed(m)).toEqual(expect.arrayContaining(honest));
  expect(stateDigest(sam.store.operations())).toBe(stateDigest(eve.store.operations()));
}

/** The victim's window, in jsdom, shows its queue and no failed part. */
async function windowRenders(): Promise<void> {
  const store = createAppStore(inProcessClient(eve), { drafts: localDraftShelf() });
  const off = eve.events.subscribe((e) => applyEvent(store, e));
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  try {
    const table = await screen.findByRole('table', {}, { timeout: 5_000 });
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(0);
    expect(screen.queryByText(/could not be shown/)).toBeNull();
  } finally {
    unmount();
    off();
  }
}

/** Written this round: taken away after it, so each round costs the same (what the machines took in stays). */
const written: string[] = [];

async function write(file: HostileFile): Promise<void> {
  if (file.kind === 'format') {
    const path = join(root, 'format.json');
    const kept = readFileSync(path);
    writeFileSync(path, file.bytes);
    // Without its format.json nobody may sync; each machine must still start and list its data.
    await syncBoth();
    for (const m of [sam, eve]) expect(await listed(m)).toEqual(expect.arrayContaining(honest));
    writeFileSync(path, kept);
    return;
  }
  if (file.kind === 'snapshot') {
    mkdirSync(join(root, 'snapshots'), { recursive: true });
    writeFileSync(join(root, 'snapshots', file.name), file.bytes);
    // Only a machine with no data reads snapshots: one joins, and must end up with everything.
    // Not admitted: listing needs no membership, and an admission would have Sam write mid-round
    // (a hostile file generated for his next segment must stay his next segment).
    const joiner = start(tempDir('interdesk-fuzz-joiner-'), false);
    try {
      await joiner.must('completeSetup', { name: 'Joe', department: 'IT', sharePath: share });
      await joiner.sync.syncNow();
      await joiner.store.audited;
      expect(await listed(joiner)).toEqual(expect.arrayContaining(honest));
    } finally {
      joiner.close();
      rmSync(join(root, 'snapshots', file.name), { force: true });
    }
    return;
  }
  const path = join(root, file.path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.bytes);
    written.push(path);
  } catch {
    // A name the share's folders already use the other way (a file where a folder is): nothing to write.
  }
}

describe('a share with hostile files', () => {
  it(
    `never stops an honest machine, hides an honest request, parts two honest machines or blanks the window (${RUNS} rounds)`,
    async () => {
      const quiet = [vi.spyOn(console, 'warn').mockImplementation(() => undefined), vi.spyOn(console, 'error').mockImplementation(() => undefined)];
      const files = hostileFiles({
        devices: () => [sam, eve].map((m) => ({ device: m.store.deviceId, next: m.store.flushedSeq + 1 })),
        requests: () => honest,
      });
      try {
        await fc.assert(
          fc.asyncProperty(files, async (round) => {
            for (const file of round) await write(file);
            await syncBoth();
            await bothWhole();
            // Still syncing with each other: a new honest request crosses.
            honest.push((await sam.must('createRequest', laptopRequest())).id);
            await syncBoth();
            await bothWhole();
            await windowRenders();
            for (const path of written.splice(0)) rmSync(path, { force: true });
          }),
          { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
        );
        // And both still start, with everything.
        for (const m of [sam, eve]) {
          const again = m.reopen();
          expect(await listed(again)).toEqual(expect.arrayContaining(honest));
          again.close();
        }
        sam = start(sam.dataDir);
        eve = start(eve.dataDir);
      } finally {
        for (const q of quiet) q.mockRestore();
      }
    },
    RUNS * 3_000,
  );
});
