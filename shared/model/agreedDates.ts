import { hlcToIso } from '../ops/hlc.js';
import type { CreateRequestOp, RequestOperation } from '../ops/operations.js';

/**
 * Dates agreed, not imposed (docs/sync.md §Agreed dates): either department of a request proposes
 * a needed-by date with a reason, the other accepts it or counters with a proposal of its own.
 * The fold keeps every proposal and acceptance; what they mean is derived here, the same for the
 * queue index and the full fold, whatever order they arrived in.
 */
export interface DateRegisters {
  /** Proposals by operation id: the date, why, the proposing department and its clock. */
  proposals?: Record<string, { neededBy: string; reason: string; by: string; hlc: string }>;
  /** Acceptances by operation id: the proposal (or the creation) accepted, by which department, when. */
  accepts?: Record<string, { proposal: string; by: string; hlc: string }>;
}

export function foldDate(rec: { dates?: DateRegisters }, op: RequestOperation): void {
  if (op.type === 'request.proposeDate') {
    const d = (rec.dates ??= {});
    (d.proposals ??= {})[op.id] = { neededBy: op.fields.neededBy, reason: op.fields.reason, by: op.actor.department, hlc: op.hlc };
  } else if (op.type === 'request.acceptDate') {
    const d = (rec.dates ??= {});
    (d.accepts ??= {})[op.id] = { proposal: op.fields.proposal, by: op.actor.department, hlc: op.hlc };
  }
}

export interface Agreement {
  /** The date both departments agreed, which the due date follows; `shortNotice`: the provider accepted the date a short-notice request asked for. */
  agreed: { neededBy: string; at: string; acceptedBy: string; proposedBy: string; shortNotice: boolean } | null;
  /** The latest proposal nobody has accepted yet: shown on the request until the other side answers. */
  pending: { id: string; neededBy: string; reason: string; by: string; at: string } | null;
}

const NONE: Agreement = { agreed: null, pending: null };

/**
 * What the proposals and acceptances mean: an acceptance counts when what it accepts is known and
 * was proposed by the other department before it (the creation stands for the requester's own
 * proposal of its needed-by date); the latest that counts is the agreed date. The latest proposal
 * no acceptance counts for is pending. A proposal superseded by a counter can still be accepted
 * by someone who had not seen the counter: the agreement is then that date, and the counter
 * stays pending. `since`: the latest hand-over's clock, before which nothing counts.
 */
export function agreementOf(create: CreateRequestOp, dates: DateRegisters | undefined, since?: string): Agreement {
  if (!dates) return NONE;
  // After a hand-over (`since`), only what was proposed and accepted with the receiving department counts.
  const proposals = since ? Object.fromEntries(Object.entries(dates.proposals ?? {}).filter(([, p]) => p.hlc > since)) : (dates.proposals ?? {});
  const proposal = (id: string) =>
    id === create.id
      ? { neededBy: create.fields.neededBy, reason: '', by: create.fields.fromDepartment, hlc: create.hlc }
      : Object.hasOwn(proposals, id)
        ? proposals[id]!
        : null;
  let agreed: Agreement['agreed'] = null;
  let agreedBy = '';
  const accepted = new Set<string>();
  // Ordered by clock, then operation id: a forged clock shared by two changes must not make machines disagree.
  for (const [id, a] of Object.entries(dates.accepts ?? {})) {
    const p = proposal(a.proposal);
    if (!p || p.by === a.by || a.hlc <= p.hlc || (since !== undefined && a.hlc <= since)) continue;
    accepted.add(a.proposal);
    const order = `${a.hlc} ${id}`;
    if (agreed && agreedBy >= order) continue;
    agreedBy = order;
    const shortNotice = a.proposal === create.id && create.fields.shortNotice === true;
    agreed = { neededBy: p.neededBy, at: hlcToIso(a.hlc), acceptedBy: a.by, proposedBy: p.by, shortNotice };
  }
  let latest: [string, NonNullable<DateRegisters['proposals']>[string]] | null = null;
  for (const entry of Object.entries(proposals))
    if (!latest || entry[1].hlc > latest[1].hlc || (entry[1].hlc === latest[1].hlc && entry[0] > latest[0])) latest = entry;
  const pending =
    latest && !accepted.has(latest[0])
      ? { id: latest[0], neededBy: latest[1].neededBy, reason: latest[1].reason, by: latest[1].by, at: hlcToIso(latest[1].hlc) }
      : null;
  return { agreed, pending };
}
