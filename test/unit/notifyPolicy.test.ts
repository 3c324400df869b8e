import { describe, expect, it } from 'vitest';
import type { Fact, PolicyMemory, NotifyPrefs } from '../../shared/notify/policy.js';
import { DEFAULT_NOTIFY_PREFS, EMPTY_MEMORY, NOTIFY_KINDS, NOTIFY_KIND_LABELS, decideNotifications } from '../../shared/notify/policy.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { weekdays } from '../../shared/sla/calendar.js';

const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin', week: weekdays('08:00-17:00'), closures: [] };
// Tuesday 24 Nov 2026; Berlin is UTC+1.
const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+01:00`);
const fact = (key: string, kind: Fact['kind'] = 'newRequest'): Fact => ({
  key,
  kind,
  requestId: key.split(':')[1] ?? key,
  title: `T ${key}`,
  body: `B ${key}`,
});
const news = (n: number) => Array.from({ length: n }, (_, i) => fact(`new:r${i}`));

function run(memory: PolicyMemory, facts: Fact[], now: Date, extra: { pausedUntil?: string; prefs?: Partial<NotifyPrefs> } = {}) {
  return decideNotifications(memory, {
    facts,
    now,
    calendar: berlin,
    pausedUntil: extra.pausedUntil ?? null,
    prefs: { ...DEFAULT_NOTIFY_PREFS, ...extra.prefs },
  });
}
/** A memory that has seen `facts` (the first look of an install). */
const baselined = (facts: Fact[] = []) => run(EMPTY_MEMORY, facts, at('10:00')).memory;

describe('the notification policy', () => {
  it('says nothing about what is already there on first start; then says each new thing once', () => {
    const first = run(EMPTY_MEMORY, news(5), at('10:00'));
    expect(first.intents).toEqual([]);
    const next = run(first.memory, [...news(5), fact('new:x')], at('10:01'));
    expect(next.intents).toEqual([{ id: 'new:x', kind: 'newRequest', title: 'T new:x', body: 'B new:x', requestId: 'x' }]);
    expect(run(next.memory, [...news(5), fact('new:x')], at('10:02')).intents).toEqual([]);
  });

  it.each([
    ['newRequest', 'new:r1'],
    ['assigned', 'assigned:r1:Ed'],
    ['reply', 'reply:r1:2026-11-24T09:00:00.000Z'],
    ['atRisk', 'risk:r1:resolution'],
    ['breached', 'breach:r1:response'],
    ['done', 'done:r1'],
  ] as const)('announces a %s fact with a click that opens its request', (kind, key) => {
    const [intent] = run(baselined(), [fact(key, kind)], at('11:00')).intents;
    expect(intent).toMatchObject({ kind, requestId: 'r1' });
  });

  it('a fact whose scope appears for the first time is its baseline: watching a request tells nothing until it changes', () => {
    const watched = (status: string) => ({ ...fact(`watch-status:r1:${status}`, 'watched'), scope: 'watching:r1' });
    const start = baselined([fact('new:r0')]);
    const justWatched = run(start, [fact('new:r0'), watched('in_progress')], at('10:05'));
    expect(justWatched.intents).toEqual([]);
    const changed = run(justWatched.memory, [fact('new:r0'), watched('done')], at('10:06'));
    expect(changed.intents).toEqual([expect.objectContaining({ id: 'watch-status:r1:done', kind: 'watched' })]);
    // A fact without a scope is news on its first appearance, as always.
    expect(run(changed.memory, [fact('new:r0'), watched('done'), fact('new:r2')], at('10:07')).intents).toEqual([expect.objectContaining({ id: 'new:r2' })]);
  });

  it('does not repeat itself after a restart (the memory is what is stored)', () => {
    const said = run(baselined(), [fact('new:a')], at('10:05'));
    const restored = JSON.parse(JSON.stringify(said.memory)) as PolicyMemory;
    expect(run(restored, [fact('new:a')], at('10:06')).intents).toEqual([]);
  });

  it('turns a burst of 40 (back online after a weekend) into one summary', () => {
    const { intents } = run(baselined(), [...news(38), fact('risk:r1:resolution', 'atRisk'), fact('reply:q:1', 'reply')], at('09:00'));
    expect(intents).toEqual([
      {
        id: expect.stringMatching(/^summary:/),
        kind: 'summary',
        title: '40 updates in Interdesk',
        body: '38 new requests, 1 reply, 1 at risk',
        requestId: null,
      },
    ]);
  });

  it('up to three at once are said one by one', () => {
    expect(run(baselined(), news(3), at('09:00')).intents.map((i) => i.id)).toEqual(['new:r0', 'new:r1', 'new:r2']);
  });

  it('holds what happens outside working hours and says it at opening time: at risk at 02:00 is heard at 08:00', () => {
    const night = run(baselined(), [fact('risk:r7:resolution', 'atRisk')], at('02:00'));
    expect(night.intents).toEqual([]);
    expect(run(night.memory, [fact('risk:r7:resolution', 'atRisk')], at('07:59')).intents).toEqual([]);
    const morning = run(night.memory, [fact('risk:r7:resolution', 'atRisk')], at('08:00'));
    expect(morning.intents).toEqual([expect.objectContaining({ id: 'risk:r7:resolution', requestId: 'r7' })]);
  });

  it('when it speaks again after holding several, it says what it held back in one summary', () => {
    const night = run(baselined(), [fact('new:a'), fact('new:b')], at('22:00'));
    const { intents } = run(night.memory, [fact('new:a'), fact('new:b')], at('08:30'));
    expect(intents).toEqual([expect.objectContaining({ kind: 'summary', title: 'While notifications were quiet', body: '2 new requests' })]);
  });

  it('stays quiet while paused, and speaks when the pause ends; what closed meanwhile is not said', () => {
    const pausedUntil = at('11:00').toISOString();
    const paused = run(baselined(), [fact('new:a'), fact('new:b'), fact('new:c')], at('10:00'), { pausedUntil });
    expect(paused.intents).toEqual([]);
    const after = run(paused.memory, [fact('new:a'), fact('new:c')], at('11:00'), { pausedUntil });
    expect(after.intents).toEqual([expect.objectContaining({ kind: 'summary', body: '2 new requests' })]);
  });

  it('a kind switched off is never said, and switching it on later brings no flood of old ones', () => {
    const off = run(baselined(), [fact('done:a', 'done'), fact('new:b')], at('10:00'), { prefs: { done: false } });
    expect(off.intents.map((i) => i.id)).toEqual(['new:b']);
    expect(run(off.memory, [fact('done:a', 'done'), fact('new:b')], at('10:01')).intents).toEqual([]);
  });
});

describe('every kind of notification', () => {
  it.each(NOTIFY_KINDS.map((k) => [k]))('%s is held in quiet hours and said once they end, and never when its preference is off', (kind) => {
    const memory = baselined();
    const news = fact(`${kind}:r1`, kind);
    const quiet = run(memory, [news], at('19:00'));
    expect(quiet.intents).toEqual([]);
    const morning = run(quiet.memory, [news], at('08:30'));
    expect(morning.intents).toEqual([expect.objectContaining({ kind, id: `${kind}:r1` })]);
    expect(run(morning.memory, [news], at('08:31')).intents).toEqual([]);
    expect(run(memory, [news], at('10:00'), { prefs: { [kind]: false } }).intents).toEqual([]);
    expect(NOTIFY_KIND_LABELS[kind]).toBeTruthy();
  });
});
