import type { PRIORITIES } from '../../shared/core/priority.js';
import type { ReviewRow } from '../../shared/reviews/pairFigures.js';
import { pairFigures, stakeOf } from '../../shared/reviews/pairFigures.js';
import type { ServicePage } from '../../shared/config/servicePage.js';
import { hlcToIso } from '../../shared/ops/hlc.js';
import { corrected, summarize } from '../../shared/model/replica.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { lastHandOver, providerOf } from '../../shared/model/transfers.js';
import type { Handlers } from './dispatch.js';
import type { ServiceContext } from './serviceContext.js';

export type ReviewMethod = 'getReview' | 'getReviewCell';

interface Narrowing {
  from: string;
  to: string;
  typeId?: string | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
}

/**
 * Service reviews (issue 18): how every department pair did over a period, from the requests
 * created in it, with their clocks as they stand now. Computed from the queue index on each ask.
 */
export function createReviewHandlers(ctx: ServiceContext): Pick<Handlers, ReviewMethod> {
  const { store, now } = ctx;

  /** The requests created in the period that the filters keep, as the reviews read them. */
  const rowsOf = ({ from, to, typeId, priority }: Narrowing): ReviewRow[] => {
    const [start, end] = [Date.parse(from), Date.parse(to)];
    const at = new Date(now());
    const rows: (ReviewRow & { hlc: string })[] = [];
    for (const e of store.requests()) {
      const created = Date.parse(hlcToIso(e.create!.hlc));
      if (created < start || created >= end) continue;
      const row = reviewRow(e, ctx.clocksOf(e, at), (provider, typeId) => {
        const types = store.config.servicePage(provider).types;
        return Object.hasOwn(types, typeId) ? types[typeId]!.stake : undefined;
      });
      if ((typeId && row.typeId !== typeId) || (priority && row.priority !== priority)) continue;
      rows.push({ ...row, hlc: e.create!.hlc });
    }
    // In the order they were created (clocks are unique): a cell lists its requests the same way each time.
    return rows.sort((a, b) => (a.hlc < b.hlc ? -1 : 1)).map(({ hlc: _, ...row }) => row);
  };

  return {
    getReview: (input) => {
      const rows = rowsOf(input);
      return { pairs: pairFigures(rows), departments: ctx.departments(), total: rows.length };
    },
    getReviewCell: ({ requester, provider, ...narrowing }) => ({
      rows: rowsOf(narrowing).filter((r) => r.from === requester && r.to === provider),
    }),
  };
}

/** What a late request of a type costs, as its provider's service page declares. */
type StakeOf = (provider: string, typeId: string) => ServicePage['types'][string]['stake'];

function reviewRow(e: IndexEntry, sla: ReturnType<ServiceContext['clocksOf']>, declared: StakeOf): ReviewRow {
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
    response: sla?.response ?? null,
    resolution: sla?.resolution ?? null,
    escalations: s.escalated?.count ?? 0,
    again: s.rating?.again ?? null,
    stake: stakeOf(stake, corrected(e.create!.fields, e.edits).form, sla?.resolution ?? null),
  };
}
