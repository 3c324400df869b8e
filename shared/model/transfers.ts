import { hlcToIso } from '../ops/hlc.js';
import type { CreateRequestOp, RequestOperation } from '../ops/operations.js';

/**
 * Hand-overs (docs/sync.md §Transfers): the providing department passes a request to another,
 * whose catalog type and service levels apply from then on. The fold keeps every transfer; which
 * ones count is derived here, the same for the queue index and the full fold, whatever order they
 * arrived in: in clock order, a transfer counts when the department that made it provided the
 * request at its clock (the creation's, or the one the last counted transfer handed it to).
 */
export interface TransferRegisters {
  transfers?: Record<string, { to: string; typeId: string; type: string; by: string; hlc: string }>;
}

export interface HandOver {
  id: string;
  from: string;
  to: string;
  typeId: string;
  type: string;
  hlc: string;
}

export function foldTransfer(rec: TransferRegisters, op: RequestOperation): void {
  if (op.type !== 'request.transfer') return;
  (rec.transfers ??= {})[op.id] = { to: op.fields.toDepartment, typeId: op.fields.typeId, type: op.fields.type, by: op.actor.department, hlc: op.hlc };
}

/** The transfers that count, in clock order (then operation id). */
export function handOvers(create: CreateRequestOp, transfers: TransferRegisters['transfers']): HandOver[] {
  if (!transfers) return [];
  const ordered = Object.entries(transfers).sort(([ia, a], [ib, b]) => (a.hlc !== b.hlc ? (a.hlc < b.hlc ? -1 : 1) : ia < ib ? -1 : ia > ib ? 1 : 0));
  const out: HandOver[] = [];
  let provider = create.fields.toDepartment;
  for (const [id, t] of ordered) {
    if (t.by !== provider || t.to === provider || t.to === create.fields.fromDepartment || t.hlc <= create.hlc) continue;
    out.push({ id, from: provider, to: t.to, typeId: t.typeId, type: t.type, hlc: t.hlc });
    provider = t.to;
  }
  return out;
}

/** The department that provides the request at clock `hlc` (now, without it). */
export function providerAt(create: CreateRequestOp, transfers: TransferRegisters['transfers'], hlc?: string): string {
  let provider = create.fields.toDepartment;
  for (const h of handOvers(create, transfers)) {
    if (hlc !== undefined && h.hlc >= hlc) break;
    provider = h.to;
  }
  return provider;
}

/** The latest hand-over that counts, or null. */
export function lastHandOver(create: CreateRequestOp, transfers: TransferRegisters['transfers']): HandOver | null {
  return handOvers(create, transfers).at(-1) ?? null;
}

/** The latest hand-over as a queue row shows it. */
export function handOverView(h: HandOver): { from: string; at: string } {
  return { from: h.from, at: hlcToIso(h.hlc) };
}

/** The department that provides the request now. */
export const providerOf = (rec: { create: CreateRequestOp | null } & TransferRegisters): string => providerAt(rec.create!, rec.transfers);
