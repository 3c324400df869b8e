import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDepartmentLookup } from '../../electron/services/departmentLookup.js';
import { createReviews } from '../../electron/services/reviews.js';
import { RequestStore } from '../../electron/store/requestStore.js';
import type { Actor } from '../../shared/core/actor.js';
import { DEFAULT_POLICY, defaultConfigs } from '../../shared/config/department.js';
import { formatHlc } from '../../shared/ops/hlc.js';
import type { Operation } from '../../shared/ops/operations.js';
import { CONFIG_TARGET } from '../../shared/ops/operations.js';
import type { OlaPolicy } from '../../shared/sla/clocks.js';

const T0 = Date.UTC(2026, 10, 2, 8);
const IDS = [1, 2].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
const sales: Actor = { user: 'Sam', department: 'Sales' };
const actorOf = (department: string): Actor => ({ user: department === 'IT' ? 'Ian' : 'Eve', department });
const EVERYTHING = { from: new Date(0).toISOString(), to: new Date(T0 + 1_000 * 86_400_000).toISOString() };

type Step =
  /** `early`: minutes before now, a creation that reaches this machine late (another machine's, made earlier): the earliest counts. */
  | { kind: 'create'; i: number; to: 'Engineering' | 'IT'; priority: 'P1' | 'P2' | 'P3'; early: number }
  | { kind: 'status'; i: number; by: 'Engineering' | 'IT'; status: 'acknowledged' | 'in_progress' | 'waiting_on_requester' | 'done' }
  | { kind: 'reply'; i: number }
  | { kind: 'rate'; i: number; again: boolean }
  | { kind: 'transfer'; i: number }
  | { kind: 'policy'; department: 'Engineering' | 'IT'; factor: number }
  | { kind: 'tick'; minutes: number }
  /** The reviews of the last `hours` hours (created since), or of everything. */
  | { kind: 'ask'; hours: number | null };

const i = fc.integer({ min: 0, max: IDS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  // Asked often: a kept row must be right at every ask, not only at the end.
  { arbitrary: fc.record({ kind: fc.constant('ask' as const), hours: fc.constantFrom(null, 1, 2, 24, 100) }), weight: 3 },
  fc.record({
    kind: fc.constant('create' as const),
    i,
    to: fc.constantFrom('Engineering' as const, 'IT' as const),
    priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const),
    early: fc.constantFrom(0, 0, 90, 5_000),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    i,
    by: fc.constantFrom('Engineering' as const, 'IT' as const),
    // Done often: a request whose clocks stopped keeps its row longest, so is the one a missed change would leave wrong.
    status: fc.constantFrom('acknowledged' as const, 'in_progress' as const, 'waiting_on_requester' as const, 'done' as const, 'done' as const),
  }),
  fc.record({ kind: fc.constant('reply' as const), i }),
  fc.record({ kind: fc.constant('rate' as const), i, again: fc.boolean() }),
  fc.record({ kind: fc.constant('transfer' as const), i }),
  {
    arbitrary: fc.record({
      kind: fc.constant('policy' as const),
      department: fc.constantFrom('Engineering' as const, 'IT' as const),
      factor: fc.integer({ min: 1, max: 20 }),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 3_000 }) }),
);

/**
 * The reviews' rows are kept (reviewRows.ts) rather than computed on every ask: whatever operations
 * fold in whatever order, with time moving and the policy changing, what the kept rows say is what
 * rows computed afresh say.
 */
describe('the reviews’ rows, kept up to date', () => {
  it('say what rows computed afresh say, on random histories (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 50 }), async (steps) => {
        const dir = mkdtempSync(join(tmpdir(), 'interdesk-reviews-'));
        const store = RequestStore.open({ dir, deviceId: 'me' });
        let now = T0;
        let seq = 0;
        const fold = (actor: Actor, op: Pick<Operation, 'type' | 'target' | 'fields'>, wall = now) =>
          store.ingest([{ ...op, id: `dev1:${++seq}`, hlc: formatHlc({ wall, counter: seq, device: 'dev1' }), actor } as Operation]);
        const reviewsOf = () => createReviews({ store, now: () => now, timeZone: 'Europe/Berlin', ...createDepartmentLookup(store) }).handlers;
        const kept = reviewsOf();
        const same = async (hours: number | null) => {
          const fresh = reviewsOf();
          const period = hours === null ? EVERYTHING : { from: new Date(now - hours * 3_600_000).toISOString(), to: new Date(now + 1).toISOString() };
          expect(await kept.getReviewRequests(period)).toEqual(await fresh.getReviewRequests(period));
          expect(await kept.getReview(period)).toEqual(await fresh.getReview(period));
        };
        try {
          fold(sales, { type: 'config.seed', target: CONFIG_TARGET, fields: { departments: defaultConfigs('Europe/Berlin') } });
          for (const s of steps) {
            // A minute a step: a row with a running clock is reused within its minute (the queue's own
            // grain, rounded to minutes), so only what operations and the configuration change is compared.
            now += 60_000;
            if (s.kind === 'create') {
              const fields = {
                type: 'General',
                typeId: 'general',
                title: `Request ${s.i}`,
                details: '',
                priority: s.priority,
                fromDepartment: 'Sales',
                toDepartment: s.to,
              };
              const neededBy = new Date(now + 10 * 86_400_000).toISOString();
              fold(sales, { type: 'request.create', target: IDS[s.i]!, fields: { ...fields, neededBy } }, now - s.early * 60_000);
            } else if (s.kind === 'status') fold(actorOf(s.by), { type: 'request.status', target: IDS[s.i]!, fields: { status: s.status } });
            else if (s.kind === 'reply') fold(sales, { type: 'request.comment', target: IDS[s.i]!, fields: { body: 'Here it is' } });
            else if (s.kind === 'rate') fold(sales, { type: 'request.rate', target: IDS[s.i]!, fields: { again: s.again } });
            else if (s.kind === 'transfer') {
              fold(actorOf('Engineering'), { type: 'request.transfer', target: IDS[s.i]!, fields: { toDepartment: 'IT', typeId: 'general', type: 'General' } });
            } else if (s.kind === 'policy') {
              // Every target scaled: a request done on time may now be late, or the other way round.
              const targets = Object.fromEntries(
                Object.entries(DEFAULT_POLICY.targets).map(([p, t]) => [
                  p,
                  { responseMinutes: t.responseMinutes * s.factor, resolutionMinutes: t.resolutionMinutes * s.factor },
                ]),
              );
              const value: OlaPolicy = { ...DEFAULT_POLICY, targets: targets as OlaPolicy['targets'] };
              fold(actorOf(s.department), { type: 'config.department', target: CONFIG_TARGET, fields: { department: s.department, section: 'policy', value } });
            } else if (s.kind === 'tick') now += s.minutes * 60_000;
            else await same(s.hours);
          }
          await same(null);
        } finally {
          store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 800 },
    );
  });
});
