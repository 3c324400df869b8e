import type { Status } from '../../shared/core/status.js';
import { providerOf } from '../../shared/model/transfers.js';
import type { QueueView, RequestList, SearchResult } from '../../shared/contract/api.js';
import type { Profile } from '../../shared/core/actor.js';
import { OVERVIEW_LIMIT } from '../../shared/contract/api.js';
import type { ApiParsedInputs } from '../../shared/contract/schemas.js';
import { QUEUE_VIEWS } from '../../shared/contract/schemas.js';
import type { IndexEntry } from '../../shared/model/queueIndex.js';
import { narrowQueue, queueOrder } from '../../shared/model/queueNarrowing.js';
import { summarize } from '../../shared/model/replica.js';
import type { RequestSummary } from '../../shared/model/request.js';
import { unreadableSummary } from '../../shared/model/request.js';
import { isOpen } from '../../shared/core/status.js';
import { visibleText } from '../../shared/core/text.js';
import { parseHlc } from '../../shared/ops/hlc.js';
import type { BusinessCalendar } from '../../shared/sla/calendar.js';
import { businessMinutesBetween } from '../../shared/sla/calendar.js';
import type { RequestSla } from '../../shared/model/requestSla.js';
import type { RequestStore } from '../store/requestStore.js';
import { AppFailure } from './failure.js';

/**
 * One request's row, or a row that says it could not be read and why: one bad request never
 * takes a whole list (and its counts, and the notifications made from it) down with it.
 */
function contained(e: IndexEntry, row: () => RequestSummary): RequestSummary {
  try {
    return row();
  } catch (err) {
    console.warn(`Interdesk: request ${e.id} could not be shown`, err);
    return unreadableSummary(e.id, (err as Error).message);
  }
}

/** How long a declined request's row carries its reason (for the requesting side's notification). */
const REASONS_FOR_MS = 30 * 86_400_000;

/** One bit per view, in the order of QUEUE_VIEWS. */
const VIEW_BIT = Object.fromEntries(QUEUE_VIEWS.map((v, i) => [v, 1 << i])) as Record<QueueView, number>;

/** When the current pause on the requester resumes by itself, if it named a date. */
function pauseEnd(rec: IndexEntry): string | undefined {
  if (!rec.pauses) return undefined;
  const { wall, counter } = parseHlc(rec.status!.hlc);
  return rec.pauses[`${wall}:${counter}`]?.resumeAt;
}

/** A pause on the requester that named its end, and that end has come: it resumed by itself. */
function pauseOver(rec: IndexEntry, now: number): boolean {
  const resumeAt = pauseEnd(rec);
  return resumeAt !== undefined && Date.parse(resumeAt) <= now;
}

/**
 * The views that hold a request for this person, as bits: the one rule both for listing a view
 * and for counting every view (one pass over 100,000 requests on each change, so no closures).
 */
function viewsOf(rec: IndexEntry, p: Profile, now: number): number {
  const { fromDepartment } = rec.create!.fields;
  const toDepartment = providerOf(rec);
  let bits = VIEW_BIT.all;
  // A chain's parent is its launching department's own: under Outgoing, not as work it provides.
  if (toDepartment === p.department && !rec.chain) {
    bits |= VIEW_BIT.incoming;
    if (rec.escalated) bits |= VIEW_BIT.escalated;
    if (rec.assignee?.value.to === p.name) bits |= VIEW_BIT.assigned;
  }
  if (fromDepartment === p.department) {
    bits |= VIEW_BIT.outgoing;
    if (rec.status!.value === 'waiting_on_requester' && !pauseOver(rec, now)) bits |= VIEW_BIT.waiting;
  }
  if (rec.watchers && Object.hasOwn(rec.watchers, p.name) && rec.watchers[p.name]!.value === true) bits |= VIEW_BIT.watching;
  return bits;
}

export interface QueueListDeps {
  store: RequestStore;
  /** A request's clocks at a moment (the service's, with its configuration cache). */
  clocksOf(e: IndexEntry, at: Date): RequestSla | null;
  /** A request's status (a chain's parent's follows its steps). */
  statusOf(e: IndexEntry): Status;
  now(): number;
  /** Who work of a department can be assigned to. */
  members(department: string): string[];
  /** A department's business calendar (a waiting request's clock runs in the requester's). */
  calendarOf(department: string): BusinessCalendar | undefined;
  /** A confidential request's title as this computer may show it, and whether it could open it; null for others. */
  confidentialRow(e: IndexEntry): Pick<RequestSummary, 'title' | 'confidential'> | null;
}

/** The queues as lists: each view with its counts, the overview narrowed in main, and search. */
export function createQueueLists({ store, clocksOf, statusOf, now, members, confidentialRow, calendarOf }: QueueListDeps) {
  /**
   * A request's overview row (without clocks) and its OLA target, kept until the request or the
   * configuration changes: the target does not move with time while a clock runs (a paused
   * clock's is computed each time: its pause may end by itself). The overview orders 100,000
   * requests by it and computes full clocks only for the rows it sends.
   */
  /**
   * A request sent from a computer that was not a member of the requesting department is shown as
   * unverified; its requester by the name the roster holds now for the key that signed it.
   */
  const marked = (e: IndexEntry, row: RequestSummary): RequestSummary => {
    if (!store.roster.inForce) return row;
    if (!store.roster.actsFor(e.create!, e.create!.fields.fromDepartment)) row.unverified = true;
    row.requester = visibleText(store.roster.proven(e.create!).actor.user);
    const sealed = confidentialRow(e);
    if (sealed) Object.assign(row, sealed);
    return row;
  };
  /** A chain's parent: where its steps stand. */
  const chained = (e: IndexEntry, row: RequestSummary): RequestSummary => {
    if (e.chain) row.status = statusOf(e);
    return row;
  };
  /** A request paused on its requester: since when, and how long in the requesting department's business time. */
  const waiting = (e: IndexEntry, row: RequestSummary, at: Date): RequestSummary => {
    const status = e.status;
    if (status?.value !== 'waiting_on_requester') return row;
    const since = new Date(parseHlc(status.hlc).wall);
    // A pause that named its end is over by itself then: no longer waiting on anyone.
    if (pauseOver(e, at.getTime())) {
      row.resumedByItself = new Date(pauseEnd(e)!).toISOString();
      return row;
    }
    const cal = calendarOf(e.create!.fields.fromDepartment);
    const businessMinutes = cal && since < at ? businessMinutesBetween(cal, since, at) : 0;
    row.waiting = { since: since.toISOString(), businessMinutes };
    return row;
  };
  /** A declined request's reason, read from its history once per change (declining asks for one). */
  const reasons = new Map<string, { key: string; why: string | undefined }>();
  const declined = (e: IndexEntry, row: RequestSummary, at: Date): RequestSummary => {
    // Older declines are no news: their reason stays on their page, and a share of thousands costs no reads.
    if (row.status !== 'declined' || Date.parse(row.updatedAt) < at.getTime() - REASONS_FOR_MS) return row;
    let known = reasons.get(e.id);
    if (known?.key !== e.lastHlc) {
      const history = store.detail(e.id, providerOf(e))?.history ?? [];
      const last = history.filter((h) => h.kind === 'status' && h.to === 'declined').at(-1);
      reasons.set(e.id, (known = { key: e.lastHlc, why: last?.kind === 'status' ? last.note : undefined }));
    }
    if (known.why) row.declinedBecause = known.why;
    return row;
  };
  const overviewCache = new WeakMap<IndexEntry, { key: string; row: RequestSummary }>();
  const overviewRow = (e: IndexEntry, at: Date): RequestSummary => contained(e, () => overviewRowOf(e, at));
  const overviewRowOf = (e: IndexEntry, at: Date): RequestSummary => {
    const key = `${e.lastHlc}|${store.config.version}|${store.roster.version}`;
    const cached = overviewCache.get(e);
    if (cached?.key === key) return cached.row;
    const resolution = clocksOf(e, at)?.resolution;
    const row = marked(e, summarize(e, null));
    row.olaDueAt = resolution?.dueAt ?? null;
    if (row.olaDueAt && row.olaDueAt < row.dueAt) row.dueAt = row.olaDueAt;
    if (resolution?.state !== 'paused') overviewCache.set(e, { key, row });
    return row;
  };

  return {
    list(p: Profile, { view, includeClosed, narrow, only }: ApiParsedInputs['listRequests']): RequestList {
      const named = only ? new Set(only) : null;
      const wanted: IndexEntry[] = [];
      const counts: RequestList['counts'] = { incoming: 0, escalated: 0, outgoing: 0, waiting: 0, assigned: 0, watching: 0, all: 0 };
      const at = new Date(now());
      const bit = VIEW_BIT[view];
      for (const rec of store.requests()) {
        const open = isOpen(rec.chain ? statusOf(rec) : rec.status!.value);
        const views = viewsOf(rec, p, at.getTime());
        // Each view's count is of its open requests, by the same rule that lists it.
        if (open) for (const v of QUEUE_VIEWS) if (views & VIEW_BIT[v]) counts[v]++;
        if ((open || includeClosed) && (!named || named.has(rec.id)) && views & bit) wanted.push(rec);
      }
      const full = (e: IndexEntry) => contained(e, () => chained(e, declined(e, waiting(e, marked(e, summarize(e, clocksOf(e, at))), at), at)));
      let items: RequestSummary[];
      let total = wanted.length;
      if (view === 'all') {
        // Every department's requests would be the whole share: narrowed here, and only the first rows computed in full and sent.
        const rows = wanted.map((e) => overviewRow(e, at)).sort(queueOrder);
        const query = narrow?.query ?? '';
        const found = query.trim()
          ? (store.readyTextIndex()?.search(
              query,
              p.department,
              rows.map((r) => r.id),
            ) ?? null)
          : null;
        const narrowed = narrow ? narrowQueue(rows, query, narrow.filters, at, found && new Set(found)) : rows;
        total = narrowed.length;
        items = narrowed.slice(0, OVERVIEW_LIMIT).map((r) => full(store.request(r.id)!));
      } else {
        items = wanted.map(full).sort(queueOrder);
      }
      return { items, total, counts, members: members(p.department) };
    },

    async search(p: Profile, { query, view, includeClosed }: ApiParsedInputs['searchRequests']): Promise<SearchResult> {
      const text = await store.textIndex().catch((err: Error) => {
        throw new AppFailure('storage_failed', err.message);
      });
      const bit = VIEW_BIT[view];
      const candidates = function* () {
        for (const rec of store.requests())
          if ((includeClosed || isOpen(rec.chain ? statusOf(rec) : rec.status!.value)) && viewsOf(rec, p, now()) & bit) yield rec.id;
      };
      return { query, ids: text.search(query, p.department, candidates()) };
    },
  };
}
