import type { PRIORITIES } from '../../shared/core/priority.js';
import type { ReviewRow } from '../../shared/reviews/pairFigures.js';
import { pairFigures, stakeOf } from '../../shared/reviews/pairFigures.js';
import type { ServicePage } from '../../shared/config/servicePage.js';
import { corrected, summarize } from '../../shared/model/replica.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { lastHandOver, providerOf } from '../../shared/model/transfers.js';
import type { Handlers } from './dispatch.js';
import { createReviewRows } from './reviewRows.js';
import { AppFailure } from './failure.js';
import { departmentReview } from '../../shared/reviews/departmentReview.js';
import { backlogByAge, MAX_TREND_POINTS, shortNoticeBy, trendLength, trendOf } from '../../shared/reviews/trends.js';
import { heldBy } from '../../shared/reviews/heldBy.js';
import { chainStepOf } from '../../shared/model/chains.js';
import { defaultDepartmentConfig } from '../../shared/config/department.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import type { createDepartmentLookup } from './departmentLookup.js';
import type { ConfigState } from '../../shared/model/configState.js';
import type { RequestSla } from '../../shared/model/requestSla.js';

export type ReviewMethod = 'getReview' | 'getReviewRequests' | 'getReviewTrends' | 'getDepartmentReview';

/** What the reviews read: the requests, the departments' configuration and a clock (the services' context, or the command-line report's). */
export interface ReviewDeps extends ReturnType<typeof createDepartmentLookup> {
  store: { requests(): Iterable<IndexEntry>; request(id: string): IndexEntry | undefined; readonly config: ConfigState };
  now(): number;
  /** The zone a department without a configuration counts its hours in. */
  timeZone: string;
}

interface Narrowing {
  from: string;
  to: string;
  typeId?: string | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
}

/**
 * Service reviews (issue 18): how every department pair did over a period, from the requests
 * created in it, with their clocks as they stand now (rows kept up to date by reviewRows.ts).
 */
export function createReviews(ctx: ReviewDeps) {
  const { store, now } = ctx;
  const declared: StakeOf = (provider, typeId) => {
    const types = store.config.servicePage(provider).types;
    return Object.hasOwn(types, typeId) ? types[typeId]!.stake : undefined;
  };
  const calendarOf = (department: string) => (ctx.departmentConfig(department) ?? defaultDepartmentConfig(department, ctx.timeZone)).calendar;
  const chainOf = (e: IndexEntry) => (e.links ? (chainStepOf(e, (id) => store.request(id))?.parent ?? null) : null);
  const rows = createReviewRows({
    // A chain's parent is no service between two departments: its steps are.
    requests: function* () {
      for (const e of store.requests()) if (!e.chain) yield e;
    },
    config: () => store.config,
    rowOf: (e, at) => reviewRow(e, ctx.clocksOf(e, at), declared, calendarOf, at, chainOf(e)),
  });

  /** The requests created in [from, to) that the filters keep, as the reviews read them, in the order they were created. */
  const rowsOf = async ({ from, to, typeId, priority }: Narrowing, start = Date.parse(from), end = Date.parse(to)): Promise<ReviewRow[]> => {
    const all = await rows.createdIn(start, end, now());
    return typeId || priority ? all.filter((r) => (!typeId || r.typeId === typeId) && (!priority || r.priority === priority)) : all;
  };
  const between = (rows: ReviewRow[], requester?: string, provider?: string) =>
    requester || provider ? rows.filter((r) => (!requester || r.from === requester) && (!provider || r.to === provider)) : rows;

  const handlers: Pick<Handlers, ReviewMethod> = {
    getReview: async (input) => {
      const rows = await rowsOf(input);
      return { pairs: pairFigures(rows), departments: ctx.departments(), total: rows.length };
    },
    getReviewRequests: async ({ requester, provider, ...narrowing }) => ({ rows: between(await rowsOf(narrowing), requester, provider) }),
    getReviewTrends: async ({ step, requester, provider, ...narrowing }) => {
      const [from, to] = [new Date(narrowing.from), new Date(narrowing.to)];
      if (trendLength(step, from, to) > MAX_TREND_POINTS) {
        throw new AppFailure(
          'invalid_input',
          `A trend by ${step} over this period has more than ${MAX_TREND_POINTS} points to draw. Choose months, or a shorter period.`,
        );
      }
      const inPeriod = between(await rowsOf(narrowing), requester, provider);
      // The backlog is what is open now, whenever it was asked.
      const open = between(await rowsOf(narrowing, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY), requester, provider);
      return { points: trendOf(inPeriod, step, from, to), shortNotice: shortNoticeBy(inPeriod), backlog: backlogByAge(open, now()) };
    },
    getDepartmentReview: async ({ department, ...narrowing }) => {
      const name = ctx.knownDepartment(department);
      return departmentReview(await rowsOf(narrowing), name);
    },
  };
  /** Computes every request's row ahead of the first review (in slices, after start): the first matrix is then as quick as the next. */
  const warm = async () => {
    await rows.createdIn(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, now());
  };
  return { handlers, warm };
}

/** What a late request of a type costs, as its provider's service page declares. */
type StakeOf = (provider: string, typeId: string) => ServicePage['types'][string]['stake'];

function reviewRow(
  e: IndexEntry,
  sla: RequestSla | null,
  declared: StakeOf,
  calendarOf: (department: string) => BusinessCalendar,
  at: Date,
  chain: string | null,
): ReviewRow {
  const s = summarize(e, sla);
  const typeId = lastHandOver(e.create!, e.transfers)?.typeId ?? e.create!.fields.typeId ?? null;
  const provider = providerOf(e);
  const stake = typeId ? declared(provider, typeId) : undefined;
  return {
    id: e.id,
    key: s.key,
    title: s.title,
    from: s.fromDepartment,
    to: provider,
    createdAt: s.createdAt,
    status: s.status,
    priority: s.priority,
    typeId,
    shortNotice: s.shortNotice,
    neededBy: s.neededBy ?? null,
    response: sla?.response ?? null,
    resolution: sla?.resolution ?? null,
    escalations: s.escalated?.count ?? 0,
    again: s.rating?.again ?? null,
    comment: s.rating?.comment ?? '',
    held: heldBy(e.create!, e.transfers, sla?.resolution ?? null, calendarOf, at),
    chain,
    stake: stakeOf(stake, corrected(e.create!.fields, e.edits).form, sla?.resolution ?? null),
  };
}
