import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestStore } from '../../electron/store/requestStore.js';
import { REQUEST_A, REQUEST_B, commentOp, createOp } from '../helpers/ops.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function storeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'interdesk-search-'));
  dirs.push(dir);
  return dir;
}

const open = (dir: string) => RequestStore.open({ dir, deviceId: 'this-device' });
const found = async (store: RequestStore, query: string) => (await store.textIndex()).search(query, 'Engineering', [REQUEST_A, REQUEST_B]);

describe('the search index kept between starts', () => {
  it('is saved at quit, loaded at the next start, and the lines written since are added to it', async () => {
    const dir = storeDir();
    const first = open(dir);
    first.ingest([createOp(REQUEST_A, 'other', 1, 1_000, 'Docking station')]);
    first.ingest([createOp(REQUEST_B, 'other', 2, 2_000, 'Monitor arm')]);
    expect(await found(first, 'docking')).toEqual([REQUEST_A]);
    first.close();
    expect(existsSync(join(dir, 'text-index.bin'))).toBe(true);

    // The first line now says "Parking" (same length; the line the index stopped at is untouched):
    // a rebuilt index would find that word, the saved one still knows "docking". That is how
    // this test tells loading from rebuilding.
    const log = join(dir, 'operations.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replace('Docking', 'Parking'));
    const second = open(dir);
    second.ingest([commentOp(REQUEST_B, 'other', 3, 3_000, 'The keyboard too')]);
    expect(await found(second, 'docking')).toEqual([REQUEST_A]);
    expect(await found(second, 'parking')).toEqual([]);
    expect(await found(second, 'monitor')).toEqual([REQUEST_B]);
    expect(await found(second, 'keyboard')).toEqual([REQUEST_B]);
    second.close();
  });

  it('is rebuilt when the log no longer holds the line it stopped at (cut back after a power loss, then written again)', async () => {
    const dir = storeDir();
    const first = open(dir);
    first.ingest([createOp(REQUEST_A, 'other', 1, 1_000, 'Docking station')]);
    first.ingest([createOp(REQUEST_B, 'other', 2, 2_000, 'Monitor arm')]);
    await first.textIndex();
    first.close();

    // The pulled line that was never fsynced is lost; the sync would read it again from the share.
    const log = join(dir, 'operations.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    writeFileSync(log, `${lines[0]}\n`);
    rmSync(join(dir, 'snapshot.json'));
    const second = open(dir);
    // Pulled again, another line ends where the lost one did (same length, other words).
    second.ingest([createOp(REQUEST_B, 'other', 2, 2_000, 'Printer arm')]);
    expect(await found(second, 'docking')).toEqual([REQUEST_A]);
    expect(await found(second, 'printer')).toEqual([REQUEST_B]);
    expect(await found(second, 'monitor')).toEqual([]);
    second.close();
  });

  it('is not taken from another installation’s data', async () => {
    const dir = storeDir();
    const first = open(dir);
    first.ingest([createOp(REQUEST_A, 'other', 1, 1_000, 'Docking station')]);
    await first.textIndex();
    first.close();
    const log = join(dir, 'operations.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replace('Docking', 'Parking'));
    // Same folder, another device id in its sync state: a copied data folder, say.
    const state = join(dir, 'sync-state.json');
    writeFileSync(state, readFileSync(state, 'utf8').replace('this-device', 'copied-device'));
    rmSync(join(dir, 'snapshot.json'));
    const second = RequestStore.open({ dir, deviceId: 'copied-device' });
    expect(await found(second, 'parking')).toEqual([REQUEST_A]);
    second.close();
  });
});
