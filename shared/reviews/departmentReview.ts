import type { Figures, PairFigures, ReviewRow } from './pairFigures.js';
import { figuresOf, pairFigures } from './pairFigures.js';

export interface DepartmentReview {
  department: string;
  /** What it was asked (it provides them now), in all and per requesting department. */
  received: Figures | null;
  receivedFrom: PairFigures[];
  /** The same per request type (its id; null for requests made without one), busiest first: satisfaction rolled up per type. */
  receivedByType: (Figures & { typeId: string | null })[];
  /** What it asked of others, in all and per providing department. */
  asked: Figures | null;
  askedOf: PairFigures[];
  /** Where time went in the chains it is part of (hand-overs, or the steps of a chain launched from a template; asked or held on the way): per department that held them, business hours in all, and how many chains. */
  held: { department: string; hours: number; requests: number }[];
  /** What its requesters said of it, newest first. */
  comments: { id: string; key: string; title: string; from: string; again: boolean; comment: string }[];
}

function byType(rows: readonly ReviewRow[]): (Figures & { typeId: string | null })[] {
  const groups = new Map<string | null, ReviewRow[]>();
  for (const r of rows) {
    let list = groups.get(r.typeId);
    if (!list) groups.set(r.typeId, (list = []));
    list.push(r);
  }
  return [...groups.entries()]
    .map(([typeId, list]) => ({ typeId, ...figuresOf(list) }))
    .sort((a, b) => b.count - a.count || String(a.typeId).localeCompare(String(b.typeId)));
}

/** One department's review over the rows of a period (issue 18). */
export function departmentReview(rows: readonly ReviewRow[], department: string): DepartmentReview {
  const received = rows.filter((r) => r.to === department);
  const asked = rows.filter((r) => r.from === department);
  const held = new Map<string, { department: string; hours: number; requests: number }>();
  /** Adds one chain's time per department: each department counts the chain once, however many of its steps it held. */
  const addChain = (steps: readonly ReviewRow[]) => {
    const counted = new Set<string>();
    for (const h of steps.flatMap((r) => r.held)) {
      let d = held.get(h.department);
      if (!d) held.set(h.department, (d = { department: h.department, hours: 0, requests: 0 }));
      d.hours += h.hours;
      if (!counted.has(h.department)) d.requests++;
      counted.add(h.department);
    }
  };
  const involves = (steps: readonly ReviewRow[]) => steps.some((r) => r.from === department || r.held.some((h) => h.department === department));
  // A chain: a request handed over at least once, or the steps of a chain launched from a template,
  // that it asked or held on the way. (A request one department did alone is its figures above.)
  const launched = new Map<string, ReviewRow[]>();
  for (const r of rows) {
    if (r.chain) {
      let steps = launched.get(r.chain);
      if (!steps) launched.set(r.chain, (steps = []));
      steps.push(r);
    } else if (r.held.length > 1 && involves([r])) addChain([r]);
  }
  for (const steps of launched.values()) if (involves(steps)) addChain(steps);
  return {
    department,
    received: received.length ? figuresOf(received) : null,
    receivedFrom: pairFigures(received),
    receivedByType: byType(received),
    asked: asked.length ? figuresOf(asked) : null,
    askedOf: pairFigures(asked),
    held: [...held.values()].sort((a, b) => b.hours - a.hours || a.department.localeCompare(b.department)),
    comments: received
      .filter((r) => r.again !== null)
      .reverse()
      .map((r) => ({ id: r.id, key: r.key, title: r.title, from: r.from, again: r.again!, comment: r.comment })),
  };
}
