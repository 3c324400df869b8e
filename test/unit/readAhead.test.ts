import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../electron/sync/readAhead.js';

/** A reader whose reads finish only when the test says, recording what was asked. */
function slowReader() {
  const started: string[] = [];
  const finish = new Map<string, (v: string) => void>();
  const read = (path: string) =>
    new Promise<string>((resolve, reject) => {
      started.push(path);
      finish.set(path, (v) => (v === 'fail' ? reject(new Error(`cannot read ${path}`)) : resolve(v)));
    });
  return { started, finish, read };
}

describe('reading segments ahead', () => {
  it('starts the first planned reads at once, no more than its depth, and the next as each is taken', async () => {
    const r = slowReader();
    const ahead = new ReadAhead(['a', 'b', 'c', 'd', 'e'], r.read, 3);
    expect(r.started).toEqual(['a', 'b', 'c']);
    const a = ahead.take('a');
    expect(r.started).toEqual(['a', 'b', 'c', 'd']);
    r.finish.get('a')!('A');
    await expect(a).resolves.toBe('A');
    void ahead.take('b');
    expect(r.started).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a file asked for out of plan is read then; skipping ahead drops what was skipped', async () => {
    const r = slowReader();
    const ahead = new ReadAhead(['a', 'b', 'c', 'd'], r.read, 2);
    const x = ahead.take('x');
    expect(r.started).toEqual(['a', 'b', 'x']);
    r.finish.get('x')!('X');
    await expect(x).resolves.toBe('X');
    void ahead.take('c'); // a and b were skipped: their slots go to d
    expect(r.started).toEqual(['a', 'b', 'x', 'c', 'd']);
    void ahead.take('b'); // asked for again after being dropped: read again, not a stale read
    expect(r.started.filter((p) => p === 'b')).toHaveLength(2);
  });

  it('a hinted file is read before it is asked for; a failed read fails only whoever takes it', async () => {
    const r = slowReader();
    const ahead = new ReadAhead([], r.read, 2);
    ahead.hint('next');
    expect(r.started).toEqual(['next']);
    r.finish.get('next')!('fail');
    await new Promise((resolve) => setTimeout(resolve, 0)); // nobody has taken it yet: no unhandled rejection
    await expect(ahead.take('next')).rejects.toThrow('cannot read next');
    expect(r.started).toEqual(['next']);
  });

  it('a file read ahead that must be read again (larger than reading ahead allows) is read again, in full, when it is asked for', async () => {
    const asked: [string, boolean][] = [];
    const read = async (path: string, ahead: boolean) => (asked.push([path, ahead]), ahead && path === 'big' ? 'deferred' : `${path}!`);
    const ahead = new ReadAhead(['small', 'big'], read, 2, (v) => v === 'deferred');
    await expect(ahead.take('small')).resolves.toBe('small!');
    await expect(ahead.take('big')).resolves.toBe('big!');
    expect(asked).toEqual([
      ['small', true],
      ['big', true],
      ['big', false],
    ]);
  });
});
