import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { laptopRequest } from '../helpers/requestInputs.js';
import { startServices } from '../helpers/services.js';
import { undoAfterEach } from '../helpers/undo.js';

const { cleanup, tempDir } = undoAfterEach();

/** Every file and folder under `dir` with its permission bits, the shared folder left out (it is for colleagues). */
function modes(dir: string, skip: string): [string, number][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => !path.startsWith(skip))
    .map((path) => [path.slice(dir.length + 1), statSync(path).mode & 0o777]);
}

describe.skipIf(process.platform === 'win32')('data at rest', () => {
  it('the data folder is its owner’s alone: folders 0700 and files 0600, even when it existed before with looser modes', async () => {
    const dataDir = join(tempDir('interdesk-private-'), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const s = startServices(dataDir, undefined, false);
    cleanup.push(() => s.close());
    const share = join(dataDir, 'shared-folder');
    await s.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
    const { id } = await s.must('createRequest', laptopRequest());
    await s.must('addAttachment', { id, name: 'quote.txt', mime: 'text/plain', data: Buffer.from('42').toString('base64') });
    await s.sync.syncNow();
    s.store.snapshot();

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const found = modes(dataDir, share);
    expect(found.map(([path]) => path)).toEqual(expect.arrayContaining(['settings.json', 'store/operations.jsonl', 'store/snapshot.json', 'store/blobs']));
    for (const [path, mode] of found) expect([path, mode]).toEqual([path, statSync(join(dataDir, path)).isDirectory() ? 0o700 : 0o600]);
  });
});
