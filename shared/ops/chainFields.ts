import { isReservedName } from '../core/text.js';

/**
 * What a launched chain says (docs/sync.md §Chains), on its parent request: the template it came
 * from, its name, its anchor date, and each step's request with what it waits for.
 */
export interface ChainFields {
  template: string;
  name: string;
  /** The anchor date, YYYY-MM-DD. */
  anchor: string;
  steps: ChainStep[];
}

export interface ChainStep {
  /** The step's id in the template. */
  step: string;
  /** Its request. */
  request: string;
  department: string;
  title: string;
  /** Steps (by id) that must be done before its turn comes. */
  waitsFor: string[];
}

const KEY = /^[A-Za-z][\w-]{0,39}$/;
/** A request's id, as every operation's target is checked. */
const TARGET = /^[\w-]{1,100}$/;
const DAY = /^\d{4}-\d\d-\d\d$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;
const key = (v: unknown) => typeof v === 'string' && KEY.test(v) && !isReservedName(v);

/** At most this many steps: a template's. */
export const MAX_CHAIN_STEPS = 30;

/** Whether `f` is a chain as a launch writes it: plain ids, steps that wait only for other steps of it, no request twice. */
export function isChainFields(f: unknown): f is ChainFields {
  if (!isObj(f) || !key(f.template) || !text(f.name, 200) || typeof f.anchor !== 'string' || !DAY.test(f.anchor)) return false;
  const steps = f.steps;
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_CHAIN_STEPS) return false;
  const ids = new Set<string>();
  const requests = new Set<string>();
  for (const s of steps) {
    if (
      !isObj(s) ||
      !key(s.step) ||
      typeof s.request !== 'string' ||
      !TARGET.test(s.request) ||
      !text(s.department, 200) ||
      isReservedName(s.department as string)
    )
      return false;
    if (!text(s.title, 500) || !Array.isArray(s.waitsFor) || s.waitsFor.length >= MAX_CHAIN_STEPS || !s.waitsFor.every(key)) return false;
    if (Object.keys(s).some((k) => !['step', 'request', 'department', 'title', 'waitsFor'].includes(k))) return false;
    ids.add(s.step as string);
    requests.add(s.request as string);
  }
  if (ids.size !== steps.length || requests.size !== steps.length) return false;
  return steps.every((s) => (s.waitsFor as string[]).every((w) => w !== s.step && ids.has(w)));
}
