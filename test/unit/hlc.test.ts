import { describe, expect, it } from 'vitest';
import { HlcClock, formatHlc, hlcToIso, parseHlc } from '../../shared/ops/hlc.js';

describe('HlcClock', () => {
  it('never goes backwards, even when the wall clock does', () => {
    let wall = 1_000_000;
    const clock = new HlcClock('dev-a', () => wall);
    const a = clock.now();
    wall -= 60_000;
    const b = clock.now();
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
  });

  it('moves past every clock it has observed, so a reply sorts after what it answers', () => {
    const clock = new HlcClock('dev-a', () => 1_000);
    const remote = formatHlc({ wall: 5_000_000, counter: 3, device: 'dev-b' });
    clock.observe(remote);
    expect(clock.now() > remote).toBe(true);
  });

  it('round-trips through its string form, which sorts like the clock', () => {
    const h = { wall: 1_795_000_000_000, counter: 12, device: 'd1' };
    expect(parseHlc(formatHlc(h))).toEqual(h);
    expect(formatHlc({ ...h, wall: 9 }) < formatHlc({ ...h, wall: 10 })).toBe(true);
    expect(hlcToIso(formatHlc(h))).toBe(new Date(h.wall).toISOString());
    expect(() => parseHlc('yesterday')).toThrow(/Not a hybrid logical clock/);
  });
});
