import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpLog } from '../../electron/store/opLog.js';
import { SearchIndex } from '../../electron/store/searchIndex.js';
import type { NoteOpener } from '../../shared/model/textIndex.js';
import type { RequestOperation } from '../../shared/ops/operations.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const note: RequestOperation = {
  id: 'dev-a:1',
  hlc: '2026-12-01T10:00:00.000Z-0000-dev-a',
  actor: { user: 'Eve', department: 'Engineering' },
  type: 'request.sealedNote',
  target: 'req-1',
  fields: { key: 'k'.repeat(22), box: 'b'.repeat(60) },
};
const reply: RequestOperation = { ...note, id: 'dev-a:2', type: 'request.comment', fields: { body: 'Ordered a spare' } };

describe('the search index', () => {
  it('built again when keys arrive mid-build: the build begun before does not become the index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interdesk-search-'));
    dirs.push(dir);
    const lines = [[note], [reply]];
    const log = { lineCount: lines.length, bytes: 0, linePartsOf: (l: number) => [lines[l]!], lineAt: () => null } as unknown as OpLog;
    let open: NoteOpener = () => null; // the key is not here yet
    const search = new SearchIndex({ dir, deviceId: () => 'dev-a', log: () => log, closed: () => false, openNote: (op) => open(op) });
    const building = search.get(); // has read the note's line, without its words
    open = () => 'Supplier discount twelve percent';
    search.reset();
    const index = await building;
    expect(index.search('discount', 'Engineering', ['req-1'])).toEqual(['req-1']);
    expect(index.search('discount', 'Sales', ['req-1'])).toEqual([]);
  });
});
