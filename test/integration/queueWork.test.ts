import { NO_FILTERS } from '../../renderer/src/state/filters.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OVERVIEW_LIMIT } from '../../shared/contract/api.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import type { TestServices } from '../helpers/services.js';
import { setUpAs, startServices } from '../helpers/services.js';
import { laptopRequest } from '../helpers/requestInputs.js';

/** Notes, watching, links, bulk work, search and files, through the contract on the real services. */
describe('working a queue', () => {
  let s: TestServices;
  beforeEach(async () => {
    s = startServices();
    await setUpAs(s, 'Sam', 'Sales');
  });
  afterEach(() => s.dispose());

  const as = (department: string, name = department === 'Sales' ? 'Sam' : 'Eve') => s.must('updateProfile', { name, department });

  it('keeps internal notes inside the department that wrote them, and out of the first-response clock', async () => {
    const r = await s.must('createRequest', laptopRequest());
    await as('Engineering');
    const noted = await s.must('addComment', { id: r.id, body: 'Budget holder is on leave', internal: true });
    expect(noted.notes.map((n) => n.body)).toEqual(['Budget holder is on leave']);
    expect(noted.comments).toEqual([]);
    expect(noted.commentCount).toBe(0);
    expect(noted.sla?.response.state).not.toBe('met');
    const replied = await s.must('addComment', { id: r.id, body: 'Ordered' });
    expect(replied.sla?.response.state).toBe('met');

    await as('Sales');
    const seen = await s.must('getRequest', { id: r.id });
    expect(seen.comments.map((c) => c.body)).toEqual(['Ordered']);
    expect(seen.notes).toEqual([]);
    expect(seen.history.map((h) => h.kind)).toEqual(['created', 'comment']);
  });

  it('lists what a person watches, from any department, with its count', async () => {
    const r = await s.must('createRequest', laptopRequest('IT'));
    await as('Engineering', 'Eve');
    expect((await s.must('listRequests', { view: 'watching' })).items).toEqual([]);
    const watched = await s.must('watchRequest', { id: r.id, watching: true });
    expect(watched.watchers).toEqual(['Eve']);
    const list = await s.must('listRequests', { view: 'watching' });
    expect(list.items.map((i) => i.id)).toEqual([r.id]);
    expect(list.counts.watching).toBe(1);
    expect(await s.call('watchRequest', { id: r.id, watching: true })).toMatchObject({ ok: false, error: { message: 'You already watch this request.' } });
    await s.must('watchRequest', { id: r.id, watching: false });
    expect((await s.must('listRequests', { view: 'watching' })).counts.watching).toBe(0);
  });

  it('shows every department’s requests in All departments, and keeps them read-only for others', async () => {
    const toIt = await s.must('createRequest', laptopRequest('IT'));
    await s.must('createRequest', laptopRequest('Engineering'));
    await as('Payroll', 'Pat');
    const all = await s.must('listRequests', { view: 'all' });
    expect(all.items.map((i) => i.toDepartment).sort()).toEqual(['Engineering', 'IT']);
    expect(all.counts.all).toBe(2);
    expect(await s.call('changeStatus', { id: toIt.id, status: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.call('addComment', { id: toIt.id, body: 'Me too' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('links a request to its parent by key and shows the link from both ends; refuses loops and unknown keys', async () => {
    const parent = await s.must('createRequest', { ...laptopRequest(), title: 'Onboard Dana' });
    const child = await s.must('createRequest', { ...laptopRequest(), title: 'Laptop for Dana' });
    const linked = await s.must('linkRequest', { id: child.id, kind: 'parent', other: parent.key.toLowerCase(), linked: true });
    expect(linked.links).toEqual([{ kind: 'parent', direction: 'to', other: parent.id, key: parent.key, title: 'Onboard Dana', status: 'new' }]);
    const fromParent = await s.must('getRequest', { id: parent.id });
    expect(fromParent.links).toEqual([{ kind: 'parent', direction: 'from', other: child.id, key: child.key, title: 'Laptop for Dana', status: 'new' }]);

    expect(await s.call('linkRequest', { id: parent.id, kind: 'parent', other: child.key, linked: true })).toMatchObject({
      ok: false,
      error: { message: `${child.key} is already part of this request; a request cannot be part of itself.` },
    });
    expect(await s.call('linkRequest', { id: child.id, kind: 'duplicate', other: child.key, linked: true })).toMatchObject({
      ok: false,
      error: { message: 'A request cannot be linked to itself.' },
    });
    expect(await s.call('linkRequest', { id: child.id, kind: 'duplicate', other: 'ZZZZZZ', linked: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const unlinked = await s.must('linkRequest', { id: child.id, kind: 'parent', other: parent.id, linked: false });
    expect(unlinked.links).toEqual([]);
    expect(unlinked.history.filter((h) => h.kind === 'link')).toHaveLength(2);
  });

  it('acknowledges and assigns a selection at once, and says which it left alone and why', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await s.must('createRequest', { ...laptopRequest(), title: `Laptop ${i}` })).id);
    await as('Engineering', 'Eve');
    await s.must('changeStatus', { id: ids[0]!, status: 'acknowledged' });
    s.received.length = 0;
    const ack = await s.must('bulkUpdate', { ids, action: { kind: 'acknowledge' } });
    expect(ack.done).toEqual([ids[1], ids[2]]);
    expect(ack.skipped).toEqual([{ id: ids[0], key: expect.any(String), reason: 'A request cannot go from acknowledged to acknowledged.' }]);
    expect(s.received.filter((e) => e.name === 'requestsChanged')).toEqual([{ name: 'requestsChanged', payload: { ids: [ids[1], ids[2]] } }]);

    const assigned = await s.must('bulkUpdate', { ids, action: { kind: 'assign', assignee: 'Eve' } });
    expect(assigned.done).toHaveLength(3);
    expect((await s.must('listRequests', { view: 'assigned' })).items).toHaveLength(3);
    // The assignment menu offers the people seen working for the department.
    expect((await s.must('listRequests', { view: 'incoming' })).members).toEqual(['Eve']);
    expect((await s.must('getRequest', { id: ids[0]! })).members).toEqual(['Eve']);

    await as('Sales');
    const refused = await s.must('bulkUpdate', { ids: [ids[0]!], action: { kind: 'assign', assignee: null } });
    expect(refused).toMatchObject({ done: [], skipped: [{ reason: 'Only Engineering assigns its work.' }] });
  });

  it('lists only the named requests of a view (a patch after a change), with every count', async () => {
    const kept = await s.must('createRequest', laptopRequest());
    const other = await s.must('createRequest', { ...laptopRequest(), title: 'Desk lamp' });
    const toIt = await s.must('createRequest', laptopRequest('IT'));
    const some = await s.must('listRequests', { view: 'outgoing', only: [kept.id, toIt.id] });
    expect(some.items.map((r) => r.id).sort()).toEqual([kept.id, toIt.id].sort());
    expect(some.counts.outgoing).toBe(3);
    // The same row a whole list gives (its clocks aside: they are computed a moment apart).
    const row = (list: { items: { id: string }[] }) => ({ ...list.items.find((r) => r.id === kept.id)!, sla: null });
    expect(row(some)).toEqual(row(await s.must('listRequests', { view: 'outgoing' })));
    // Named but not in the view: not listed (the queue drops it).
    expect((await s.must('listRequests', { view: 'incoming', only: [other.id] })).items).toEqual([]);
    const refused = await s.call('listRequests', { view: 'all', only: [kept.id] });
    expect(refused.ok ? null : refused.error.message).toContain('All departments is always listed whole.');
  });

  it('finds requests by words in their details, replies and (for their department) internal notes', async () => {
    const printer = await s.must('createRequest', { ...laptopRequest(), title: 'Printer', details: 'The toner light blinks' });
    const chair = await s.must('createRequest', { ...laptopRequest(), title: 'Chair' });
    await as('Engineering', 'Eve');
    await s.must('addComment', { id: chair.id, body: 'The armrest is cracked, ordering a spare' });
    await s.must('addComment', { id: printer.id, body: 'Vendor ticket 4471', internal: true });

    const search = async (query: string, view: 'incoming' | 'outgoing' = 'incoming') => (await s.must('searchRequests', { query, view })).ids;
    expect(await search('armrest')).toEqual([chair.id]);
    expect(await search('TONER blinks')).toEqual([printer.id]);
    expect(await search('printer toner')).toEqual([printer.id]);
    expect(await search('4471')).toEqual([printer.id]);
    expect(await search('armrest toner')).toEqual([]);
    expect(await search('arm')).toEqual([]);

    await as('Sales');
    expect(await search('armrest', 'outgoing')).toEqual([chair.id]);
    // Engineering's note is not Sales's to search.
    expect(await search('4471', 'outgoing')).toEqual([]);
    // A reply after the index was built is found at once.
    await s.must('addComment', { id: printer.id, body: 'Replaced the drum as well' });
    expect(await search('drum', 'outgoing')).toEqual([printer.id]);
  });

  it('finds words after a restart (the index is built again from the log)', async () => {
    const r = await s.must('createRequest', { ...laptopRequest(), details: 'Needs a docking station' });
    s = s.reopen();
    expect((await s.must('searchRequests', { query: 'docking', view: 'outgoing' })).ids).toEqual([r.id]);
  });
});

describe('attachments', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps a file on this computer, copies it to the share before the operation, and another machine opens it', async () => {
    const share = mkdtempSync(join(tmpdir(), 'interdesk-share-'));
    dirs.push(share);
    const a = startServices();
    const b = startServices();
    try {
      await a.must('completeSetup', { name: 'Sam', department: 'Sales', sharePath: share });
      await b.must('completeSetup', { name: 'Eve', department: 'Engineering', sharePath: share });
      const r = await a.must('createRequest', laptopRequest());
      const bytes = Buffer.from('quote: 3 laptops, 4,200 EUR\n');
      const withFile = await a.must('addAttachment', { id: r.id, name: 'quote.txt', mime: 'text/plain', data: bytes.toString('base64') });
      expect(withFile.attachments).toEqual([
        expect.objectContaining({ name: 'quote.txt', size: bytes.length, mime: 'text/plain', actor: { user: 'Sam', department: 'Sales' } }),
      ]);
      const sha = withFile.attachments[0]!.sha256;

      await a.sync.syncNow();
      expect(readFileSync(join(share, 'Interdesk', 'blobs', sha))).toEqual(bytes);
      await b.sync.syncNow();
      const seen = await b.must('getRequest', { id: r.id });
      const file = await b.must('getAttachment', { id: r.id, attachment: seen.attachments[0]!.id });
      expect(Buffer.from(file.data, 'base64')).toEqual(bytes);
      expect(file).toMatchObject({ name: 'quote.txt', mime: 'text/plain' });
      // Kept locally once fetched: it opens with the share gone.
      rmSync(join(share, 'Interdesk', 'blobs'), { recursive: true });
      expect(Buffer.from((await b.must('getAttachment', { id: r.id, attachment: seen.attachments[0]!.id })).data, 'base64')).toEqual(bytes);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('says a file has not arrived when the share does not have it yet', async () => {
    const s = startServices();
    try {
      await setUpAs(s, 'Sam', 'Sales');
      const r = await s.must('createRequest', laptopRequest());
      const added = await s.must('addAttachment', { id: r.id, name: 'a.txt', data: Buffer.from('x').toString('base64') });
      rmSync(join(s.dataDir, 'store', 'blobs'), { recursive: true });
      expect(await s.call('getAttachment', { id: r.id, attachment: added.attachments[0]!.id })).toMatchObject({
        ok: false,
        error: {
          code: 'not_found',
          message: '“a.txt” has not reached this computer yet: the shared folder does not have it (still copying?). Try again after the next sync.',
        },
      });
    } finally {
      s.dispose();
    }
  });
});

describe('the All departments overview at scale', () => {
  it('is narrowed in main and sends only its first rows, with how many there are', async () => {
    const s = startServices();
    try {
      await setUpAs(s, 'Pat', 'Payroll');
      const departments = ['IT', 'HR', 'Facilities'];
      const ops: Operation[] = Array.from({ length: OVERVIEW_LIMIT + 150 }, (_, i) => ({
        id: `elsewhere:${i + 1}`,
        hlc: formatHlc({ wall: Date.now() - 60_000 + i, counter: 0, device: 'elsewhere' }),
        actor: { user: 'Sam', department: 'Sales' },
        type: 'request.create',
        target: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        fields: {
          type: 'General request',
          title: i % 100 === 7 ? `Broken projector ${i}` : `Request ${i}`,
          details: '',
          priority: 'P3',
          neededBy: new Date(Date.now() + (i + 1) * 3_600_000).toISOString(),
          fromDepartment: 'Sales',
          toDepartment: departments[i % 3]!,
        },
      }));
      s.store.ingest(ops);
      const all = await s.must('listRequests', { view: 'all' });
      expect(all.items).toHaveLength(OVERVIEW_LIMIT);
      expect(all.total).toBe(OVERVIEW_LIMIT + 150);
      expect(all.counts.all).toBe(OVERVIEW_LIMIT + 150);
      // Soonest due first, and the rows sent are full rows with their clocks.
      expect(all.items[0]!.title).toBe('Request 0');
      expect(all.items[0]!.sla).not.toBeNull();

      const filters = { ...NO_FILTERS, toDepartment: 'HR' };
      const narrowed = await s.must('listRequests', { view: 'all', narrow: { query: 'projector', filters } });
      expect(narrowed.items.map((r) => r.title)).toEqual(narrowed.items.map((r) => r.title).filter((t) => t.startsWith('Broken projector')));
      expect(narrowed.items.every((r) => r.toDepartment === 'HR')).toBe(true);
      expect(narrowed.total).toBe(
        ops.filter((op) => op.type === 'request.create' && op.fields.title.startsWith('Broken') && op.fields.toDepartment === 'HR').length,
      );
      expect(narrowed.total).toBeGreaterThan(0);
    } finally {
      s.dispose();
    }
  });
});
