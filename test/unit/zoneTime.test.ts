import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { steadyInstant, steadyLocalDate } from '../../shared/sla/zoneTime.js';

// Zones with summer time either side of the equator, half-hour and 45-minute offsets, a
// half-hour summer shift (Lord Howe), and zones that changed their standard offset for good.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'Europe/Moscow',
  'Pacific/Apia',
  'UTC',
];
const FROM = Date.UTC(1972, 0, 1);
const TO = Date.UTC(2040, 0, 1);

describe('local dates and wall-clock instants by arithmetic, away from offset changes', () => {
  it('the local date of any instant is the zone’s own, where it answers one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, t) => {
        const z = new TZDate(t, zone);
        const date = steadyLocalDate(zone, t);
        if (date) expect(date).toEqual({ y: z.getFullYear(), m: z.getMonth(), d: z.getDate() });
      }),
      { numRuns: 5_000 },
    );
  });

  it('the instant of any wall-clock time is the zone’s own, where it answers one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 24_800 }), fc.integer({ min: 0, max: 24 * 60 - 1 }), (zone, dayNo, minutes) => {
        const day = new Date(FROM + dayNo * 86_400_000);
        const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
        const at = steadyInstant(zone, y, m, d, minutes);
        if (at !== null) expect(at).toBe(new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, zone).getTime());
      }),
      { numRuns: 5_000 },
    );
  });

  it('every instant of a day its offset changes is left to the zone itself, and so is a zone Intl does not know', () => {
    // Berlin went to summer time at 01:00 UTC on 29 March 2026, and back at 01:00 UTC on 25 October.
    for (const t of [Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 2, 29, 22, 30), Date.UTC(2026, 9, 25, 23, 59)])
      expect(steadyLocalDate('Europe/Berlin', t)).toBeNull();
    expect(steadyInstant('Europe/Berlin', 2026, 2, 29, 2 * 60 + 30)).toBeNull();
    expect(steadyInstant('Europe/Berlin', 2026, 2, 30, 9 * 60)).toBeNull(); // the day after: within a day of the change
    expect(steadyInstant('Europe/Berlin', 2026, 2, 31, 9 * 60)).toBe(Date.UTC(2026, 2, 31, 7));
    expect(steadyLocalDate('Europe/Berlin', Date.UTC(2026, 2, 30, 22, 30))).toEqual({ y: 2026, m: 2, d: 31 });
    expect(steadyLocalDate('Mars/Olympus_Mons', Date.UTC(2026, 2, 30))).toBeNull();
    expect(steadyInstant('Mars/Olympus_Mons', 2026, 2, 30, 0)).toBeNull();
  });
});
