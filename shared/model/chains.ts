import type { Status } from '../core/status.js';
import type { ChainFields, ChainStep } from '../ops/chainFields.js';
import { parseHlc } from '../ops/hlc.js';
import type { Register, Registers } from './replica.js';
import { linksOf } from './replica.js';
import type { ChainTurn } from './slaEvents.js';

/**
 * Chains of requests launched from a template (docs/sync.md §Chains): derived from the parent's
 * chain and the steps' own registers, the same on every machine. Nothing here is stored.
 */
const CLOSED: ReadonlySet<Status> = new Set(['done', 'declined', 'cancelled']);

type Entry = Pick<Registers, 'status' | 'links'> & { id: string; chain?: Register<ChainFields> };

/** The chain a request is a step of: its parent link names a request whose chain lists it. */
export function chainStepOf(rec: Entry, requestOf: (id: string) => Entry | undefined): { parent: string; chain: ChainFields; step: ChainStep } | null {
  for (const link of linksOf(rec)) {
    if (link.kind !== 'parent') continue;
    const chain = requestOf(link.other)?.chain?.value;
    const step = chain?.steps.find((s) => s.request === rec.id);
    if (chain && step) return { parent: link.other, chain, step };
  }
  return null;
}

/**
 * A step's turn: what it still waits for (the steps it needs that are not closed), or, once every
 * one is, when the last of them closed. Null for a step that waits for nothing.
 */
export function turnOf(chain: ChainFields, step: ChainStep, requestOf: (id: string) => Pick<Entry, 'status'> | undefined): ChainTurn | null {
  if (!step.waitsFor.length) return null;
  const needed = chain.steps.filter((s) => step.waitsFor.includes(s.step));
  const open = needed.filter((s) => {
    const status = requestOf(s.request)?.status?.value;
    return !status || !CLOSED.has(status);
  });
  if (open.length) return { waitingFor: open.map((s) => s.title).join(', '), at: null };
  const at = Math.max(...needed.map((s) => parseHlc(requestOf(s.request)!.status!.hlc).wall));
  return { waitingFor: needed.map((s) => s.title).join(', '), at };
}

/** Where a chain stands, from its steps: done once every step is closed, under way once one has moved, else new. */
export function chainStatus(steps: readonly (Status | null | undefined)[]): Status {
  if (steps.length && steps.every((s) => s && CLOSED.has(s))) return 'done';
  return steps.some((s) => s && s !== 'new') ? 'in_progress' : 'new';
}
