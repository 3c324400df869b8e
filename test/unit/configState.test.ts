import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigState } from '../../shared/model/configState.js';
import { DEFAULT_POLICY, defaultConfigs } from '../../shared/config/department.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { ConfigOperation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import { weekdays } from '../../shared/sla/calendar.js';
import { newColleague } from '../helpers/templates.js';
import { scrubs } from '../helpers/schedules.js';
import type { Schedule } from '../../shared/config/schedule.js';

const T = Date.UTC(2026, 10, 23, 8);
const actor = { user: 'Ida', department: 'IT' };
const seed = (device: string, minutes: number, zone: string): ConfigOperation => ({
  id: `${device}:1`,
  hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device }),
  actor,
  type: 'config.seed',
  target: CONFIG_TARGET,
  fields: { departments: defaultConfigs(zone) },
});
const calendar = (device: string, seq: number, minutes: number, department: string, zone: string): ConfigOperation => ({
  id: `${device}:${seq}`,
  hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device }),
  actor,
  type: 'config.department',
  target: CONFIG_TARGET,
  fields: { department, section: 'calendar', value: { timeZone: zone, week: weekdays('09:00-17:00'), closures: [] } },
});

const fold = (ops: ConfigOperation[]) => {
  const state = new ConfigState();
  ops.forEach((op) => state.apply(op));
  return state;
};

describe('ConfigState (department configuration, synced)', () => {
  it('the earliest seed decides the starting point: a machine that joins later cannot overwrite it', () => {
    const state = fold([seed('late', 60, 'Asia/Tokyo'), seed('first', 0, 'Europe/Berlin')]);
    expect(state.get('IT')!.calendar.timeZone).toBe('Europe/Berlin');
    expect(state.departments()).toEqual(['Customer Service', 'Engineering', 'Facilities', 'HR', 'IT', 'Payroll', 'Sales', 'Supply']);
  });

  it('any edit beats every seed, even one written later; among edits the latest wins, per department and section', () => {
    const state = fold([calendar('a', 1, -10, 'IT', 'America/New_York'), seed('s', 0, 'Europe/Berlin'), calendar('b', 1, 5, 'IT', 'Asia/Tokyo')]);
    expect(state.get('IT')!.calendar.timeZone).toBe('Asia/Tokyo');
    expect(state.get('HR')!.calendar.timeZone).toBe('Europe/Berlin');
    expect(state.get('IT')!.policy).toEqual(DEFAULT_POLICY); // the seed still supplies what was not edited
  });

  it('a department added by an edit alone joins the list, its unset sections from the seed’s zone and defaults', () => {
    const state = fold([seed('s', 0, 'Europe/Berlin'), calendar('a', 1, 1, 'Legal', 'Europe/Paris')]);
    expect(state.departments()).toContain('Legal');
    expect(state.get('Legal')).toMatchObject({ calendar: { timeZone: 'Europe/Paris' }, policy: DEFAULT_POLICY });
    expect(state.get('Legal')!.catalog.map((t) => t.id)).toEqual(['general']);
    expect(state.get('Nobody')).toBeUndefined();
  });

  it('a department’s templates: the latest list its leads wrote, whatever the order they arrive in, kept through a dump and restore', () => {
    const templates = (device: string, minutes: number, name: string): ConfigOperation => ({
      id: `${device}:1`,
      hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device }),
      actor: { user: 'Hana', department: 'HR' },
      type: 'config.templates',
      target: CONFIG_TARGET,
      fields: { department: 'HR', templates: [{ ...newColleague(), name }] },
    });
    const older = templates('a', 1, 'New colleague');
    const newer = templates('b', 2, 'New colleague (2027)');
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const state = fold(order);
      expect(state.templates('HR').map((t) => t.name)).toEqual(['New colleague (2027)']);
      expect(
        ConfigState.restore(JSON.parse(JSON.stringify(state.dump())))
          .templates('HR')
          .map((t) => t.name),
      ).toEqual(['New colleague (2027)']);
    }
    expect(fold([]).templates('HR')).toEqual([]);
  });

  it('a department’s recurring requests: the latest its leads wrote per schedule, so two leads adding two at once keep both', () => {
    const schedule = (device: string, minutes: number, changes: Partial<Schedule>): ConfigOperation => ({
      id: `${device}:1`,
      hlc: formatHlc({ wall: T + minutes * 60_000, counter: 0, device }),
      actor: { user: 'Fay', department: 'Facilities' },
      type: 'config.schedule',
      target: CONFIG_TARGET,
      fields: { department: 'Facilities', schedule: scrubs(changes) },
    });
    const paused = schedule('a', 1, { paused: true });
    const resumed = schedule('b', 2, { paused: false });
    const other = schedule('c', 1, { id: 'gloves', name: 'Gloves' });
    for (const order of [
      [paused, resumed, other],
      [other, resumed, paused],
    ]) {
      const state = fold(order);
      expect(state.schedules('Facilities').map((s) => [s.name, s.paused])).toEqual([
        ['Gloves', false],
        ['Scrubs for ward 3', false],
      ]);
      expect(
        ConfigState.restore(JSON.parse(JSON.stringify(state.dump())))
          .schedules('Facilities')
          .map((s) => s.id),
      ).toEqual(['gloves', 'scrubs']);
      expect(state.schedules('Supply')).toEqual([]);
    }
    // A flooded share: each reader keeps the same 200, the smallest ids, whatever order they arrive in.
    const many = Array.from({ length: 260 }, (_, i) => schedule(`d${i}`, 3, { id: `s${String(i).padStart(3, '0')}` }));
    const kept = (ops: ConfigOperation[]) =>
      fold(ops)
        .schedules('Facilities')
        .map((s) => s.id);
    const first200 = many.slice(0, 200).map((op) => (op as { fields: { schedule: Schedule } }).fields.schedule.id);
    for (const order of [
      many,
      [...many].reverse(),
      [...many].sort((a, b) => (a.hlc < b.hlc ? -1 : 1)),
      fc.sample(fc.shuffledSubarray(many, { minLength: many.length }), 1)[0]!,
    ])
      expect(kept(order)).toEqual(first200);
  });

  it('moves its version only when something changed, and survives a dump and restore', () => {
    const state = fold([seed('s', 0, 'Europe/Berlin')]);
    const v = state.version;
    state.apply(seed('later', 10, 'Asia/Tokyo'));
    expect(state.version).toBe(v);
    state.apply(calendar('a', 1, 1, 'IT', 'Europe/Paris'));
    expect(state.version).toBe(v + 1);
    const copy = ConfigState.restore(JSON.parse(JSON.stringify(state.dump())));
    expect(copy.get('IT')).toEqual(state.get('IT'));
    expect(copy.departments()).toEqual(state.departments());
  });

  it('gives the same configuration whatever the delivery order', () => {
    const ops = [
      seed('s1', 0, 'Europe/Berlin'),
      seed('s2', 0, 'Asia/Tokyo'),
      calendar('a', 1, 3, 'IT', 'Europe/Paris'),
      calendar('b', 1, 3, 'IT', 'America/Chicago'),
      calendar('a', 2, 4, 'HR', 'Europe/Rome'),
    ];
    const expected = JSON.stringify(
      fold(ops)
        .departments()
        .map((d) => fold(ops).get(d)),
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }), (order) => {
        const state = fold(order);
        return JSON.stringify(state.departments().map((d) => state.get(d))) === expected;
      }),
      { numRuns: 200 },
    );
  });
});
