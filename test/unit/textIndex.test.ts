import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../shared/model/textIndex.js';
import type { RequestOperation } from '../../shared/ops/operations.js';

const eng = { user: 'Eve', department: 'Engineering' };
const sales = { user: 'Sam', department: 'Sales' };
let seq = 0;
const op = (target: string, actor: typeof eng, type: RequestOperation['type'], fields: object): RequestOperation =>
  ({ id: `d:${++seq}`, hlc: `000000000001000:000000:d`, actor, type, target, fields }) as RequestOperation;

function indexed(): TextIndex {
  const index = new TextIndex();
  index.add(
    op('r1', sales, 'request.create', {
      title: 'Laptop for Dana',
      type: 'Hardware',
      details: 'Starts on Monday; needs Docker',
      form: { model: 'ThinkPad X1' },
      priority: 'P3',
      neededBy: '',
      fromDepartment: 'Sales',
      toDepartment: 'IT',
    }),
  );
  index.add(op('r1', eng, 'request.comment', { body: 'Ordered from the Müller shop' }));
  index.add(op('r1', eng, 'request.comment', { body: 'Budget code 4711', internal: true }));
  index.add(op('r1', eng, 'request.attach', { name: 'quote-2026.pdf', size: 1, sha256: 'x', mime: 'application/pdf' }));
  index.add(op('r1', eng, 'request.status', { status: 'done' }));
  index.add(
    op('r2', sales, 'request.create', {
      title: 'Badge',
      type: 'Access',
      details: '',
      priority: 'P3',
      neededBy: '',
      fromDepartment: 'Sales',
      toDepartment: 'IT',
    }),
  );
  return index;
}

describe('TextIndex: which words each request holds', () => {
  it('finds a request by words in its title, type, details, form answers, replies and file names, in any case', () => {
    const index = indexed();
    for (const query of ['laptop', 'HARDWARE', 'docker monday', 'thinkpad', 'müller', 'quote 2026', 'pdf']) {
      expect(index.search(query, 'Sales', ['r1', 'r2'])).toEqual(['r1']);
    }
    expect(index.search('badge', 'Sales', ['r1', 'r2'])).toEqual(['r2']);
  });

  it('needs every word, as a whole word, and answers only among the candidates', () => {
    const index = indexed();
    expect(index.search('laptop badge', 'Sales', ['r1', 'r2'])).toEqual([]);
    expect(index.search('lap', 'Sales', ['r1', 'r2'])).toEqual([]);
    expect(index.search('laptop', 'Sales', ['r2'])).toEqual([]);
    expect(index.search('  ', 'Sales', ['r1', 'r2'])).toEqual([]);
    expect(index.search('laptop', 'Sales', ['nobody'])).toEqual([]);
  });

  it('an internal note’s words are found only by the department that wrote it', () => {
    const index = indexed();
    expect(index.search('4711', 'Engineering', ['r1'])).toEqual(['r1']);
    expect(index.search('4711', 'Sales', ['r1'])).toEqual([]);
    expect(index.search('budget laptop', 'Engineering', ['r1'])).toEqual(['r1']);
  });

  it('a status change adds no words, and a request with none is not indexed', () => {
    const index = new TextIndex();
    index.add(op('r9', eng, 'request.status', { status: 'done' }));
    index.add(op('r9', eng, 'request.comment', { body: ' … ' }));
    expect(index.size).toBe(0);
  });

  it('comes back the same from what it saves, and refuses a saved index whose parts disagree', () => {
    const index = indexed();
    const dump = index.dump();
    expect(dump.ids).toEqual(['r1', 'r2']);
    expect(dump.counts.reduce((a, b) => a + b, 0)).toBe(dump.hashes.length);
    const restored = TextIndex.restore(dump);
    expect(restored.size).toBe(2);
    for (const query of ['laptop', 'müller', 'badge', 'nothing']) {
      expect(restored.search(query, 'Sales', ['r1', 'r2'])).toEqual(index.search(query, 'Sales', ['r1', 'r2']));
    }
    expect(restored.search('4711', 'Engineering', ['r1'])).toEqual(['r1']);
    expect(() => TextIndex.restore({ ...dump, counts: dump.counts.subarray(1) })).toThrow(/2 requests but 1 word counts/);
    expect(() => TextIndex.restore({ ...dump, hashes: new Uint32Array([...dump.hashes, 7]) })).toThrow(/holds \d+/);
  });

  it('adding the same words again changes nothing; new words are found beside the old', () => {
    const index = indexed();
    const before = index.dump().counts[0];
    index.add(op('r1', eng, 'request.comment', { body: 'laptop laptop LAPTOP' }));
    expect(index.dump().counts[0]).toBe(before);
    index.add(op('r1', eng, 'request.comment', { body: 'delivered' }));
    expect(index.search('delivered laptop', 'Sales', ['r1'])).toEqual(['r1']);
  });
});
