import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, HlcClock, formatHlc, hlcToIso, parseHlc } from '../../shared/ops/hlc.js';

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
    const remote = formatHlc({ wall: 5_000, counter: 3, device: 'dev-b' });
    clock.observe(remote);
    expect(parseHlc(clock.latest())).toEqual({ wall: 5_000, counter: 3, device: 'dev-a' });
    expect(clock.now() > remote).toBe(true);
  });

  it('round-trips through its string form, which sorts like the clock', () => {
    const h = { wall: 1_795_000_000_000, counter: 12, device: 'd1' };
    expect(parseHlc(formatHlc(h))).toEqual(h);
    expect(formatHlc({ ...h, wall: 9 }) < formatHlc({ ...h, wall: 10 })).toBe(true);
    expect(hlcToIso(formatHlc(h))).toBe(new Date(h.wall).toISOString());
    expect(() => parseHlc('yesterday')).toThrow(/Not a hybrid logical clock/);
  });

  it('counts within one millisecond, and starts the count again when the wall moves on', () => {
    let wall = 2_000_000;
    const clock = new HlcClock('dev-a', () => wall);
    expect(parseHlc(clock.now())).toEqual({ wall: 2_000_000, counter: 0, device: 'dev-a' });
    expect(parseHlc(clock.now())).toEqual({ wall: 2_000_000, counter: 1, device: 'dev-a' });
    wall += 1;
    expect(parseHlc(clock.now())).toEqual({ wall: 2_000_001, counter: 0, device: 'dev-a' });
    expect(parseHlc(clock.latest())).toEqual({ wall: 2_000_001, counter: 0, device: 'dev-a' });
  });

  it('adopts a remote counter on the same wall only when it is ahead, and never goes back to an older wall', () => {
    const clock = new HlcClock('dev-a', () => 3_000_000);
    for (let i = 0; i < 6; i++) clock.now(); // counter 5 at wall 3,000,000
    clock.observe(formatHlc({ wall: 3_000_000, counter: 2, device: 'dev-b' }));
    expect(parseHlc(clock.latest())).toEqual({ wall: 3_000_000, counter: 5, device: 'dev-a' });
    // Equal counters on an equal wall: adopting it or not is the same (an equivalent mutant of `>`).
    clock.observe(formatHlc({ wall: 3_000_000, counter: 9, device: 'dev-b' }));
    expect(parseHlc(clock.latest())).toEqual({ wall: 3_000_000, counter: 9, device: 'dev-a' });
    clock.observe(formatHlc({ wall: 1_000, counter: 99, device: 'dev-b' }));
    expect(parseHlc(clock.latest())).toEqual({ wall: 3_000_000, counter: 9, device: 'dev-a' });
    expect(parseHlc(clock.now())).toEqual({ wall: 3_000_000, counter: 10, device: 'dev-a' });
  });

  it('reads only a whole clock value: nothing before it, no second line after it', () => {
    expect(() => parseHlc('x000000000001000:000001:dev')).toThrow(/Not a hybrid logical clock/);
    expect(() => parseHlc('000000000001000:000001:dev\nmore')).toThrow(/Not a hybrid logical clock/);
  });

  it('is moved by a remote clock no further than its own time plus the tolerance, so one far-future clock cannot take it along', () => {
    const now = 1_800_000_000_000;
    const clock = new HlcClock('dev-a', () => now);
    clock.observe(formatHlc({ wall: 253_402_300_799_999, counter: 999_999, device: 'evil' }));
    expect(parseHlc(clock.latest())).toEqual({ wall: now + CLOCK_TOLERANCE_MS, counter: 0, device: 'dev-a' });
    clock.observe(formatHlc({ wall: now + CLOCK_TOLERANCE_MS, counter: 4, device: 'dev-b' }));
    expect(parseHlc(clock.latest())).toEqual({ wall: now + CLOCK_TOLERANCE_MS, counter: 4, device: 'dev-a' });
  });

  it('moves the wall on by a millisecond when the counter is full, instead of writing a clock nobody reads', () => {
    const clock = new HlcClock('dev-a', () => 5_000);
    clock.observe(formatHlc({ wall: 5_000, counter: 999_998, device: 'dev-b' }));
    expect(parseHlc(clock.now())).toEqual({ wall: 5_000, counter: 999_999, device: 'dev-a' });
    const next = clock.now();
    expect(parseHlc(next)).toEqual({ wall: 5_001, counter: 0, device: 'dev-a' });
    expect(() => parseHlc(next)).not.toThrow();
  });
});
