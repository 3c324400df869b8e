import type { BusinessCalendar } from '../sla/calendar.js';
import { isWorkingTime } from '../sla/calendar.js';

/**
 * When to tell someone something (DESIGN.md §5): a pure function from what is true now, what was
 * said before and the person's preferences to the notifications to show. It never repeats itself
 * (across syncs and restarts), turns a burst into one summary, and holds everything back outside
 * the department's working hours and while paused — then says what it held back.
 */
export const NOTIFY_KINDS = [
  'newRequest',
  'assigned',
  'reply',
  'atRisk',
  'breached',
  'escalated',
  'morningSummary',
  'reopened',
  'done',
  'satisfaction',
  'declined',
  'outgoingLate',
  'waitingOnUs',
  'resumed',
  'dateProposed',
  'dueChanged',
  'watched',
  'typeNotify',
  'joinRequest',
  'scheduleProblem',
] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];
export type NotifyPrefs = Record<NotifyKind, boolean>;

export const NOTIFY_KIND_LABELS: Record<NotifyKind, string> = {
  newRequest: 'A new request to my department',
  assigned: 'A request assigned to me',
  reply: 'A reply on a request my department asked',
  atRisk: 'A request of my department at risk',
  breached: 'A request of my department past its due time',
  escalated: 'A request to a department I lead is escalated',
  reopened: 'A done request of my department is reopened by the department that asked',
  morningSummary: 'Each business morning, for a department I lead: what breached the day before and what is overdue',
  done: 'A request I asked for is done',
  satisfaction: 'Asked once a request of mine is done: would I choose that department again?',
  declined: 'A request my department asked is declined (with the reason)',
  outgoingLate: 'A request my department asked is at risk or overdue',
  waitingOnUs: 'Another department waits on mine for an answer',
  resumed: 'A request my department asked resumes by itself after a pause',
  dateProposed: 'The other department proposes a new date for a request of mine',
  dueChanged: 'A request my department asked falls due on another date: a date agreed, or handed over to another department',
  watched: 'A change on a request I watch (of another department)',
  typeNotify: 'A new request of a type whose catalog entry names me',
  joinRequest: 'Someone asks to join a department I lead',
  scheduleProblem: 'A recurring request of a department I lead can no longer be sent (its department or request type is gone)',
};

export const DEFAULT_NOTIFY_PREFS: NotifyPrefs = {
  newRequest: true,
  assigned: true,
  reply: true,
  atRisk: true,
  breached: true,
  escalated: true,
  reopened: true,
  morningSummary: true,
  done: true,
  satisfaction: true,
  declined: true,
  outgoingLate: true,
  waitingOnUs: true,
  resumed: true,
  dateProposed: true,
  dueChanged: true,
  watched: true,
  typeNotify: true,
  joinRequest: true,
  scheduleProblem: true,
};

/** Something true now that a person may want to hear about once; `key` names it for good. */
export interface Fact {
  key: string;
  kind: NotifyKind;
  requestId: string;
  title: string;
  body: string;
  /**
   * Facts that are only news once their scope is known: the first time a scope appears (a request
   * just started being watched) its facts are its baseline, marked said without a word.
   */
  scope?: string;
}

/** What the shell shows: a native notification, a toast in the browser. */
export interface NotificationIntent {
  id: string;
  kind: NotifyKind | 'summary';
  title: string;
  body: string;
  /** The request a click opens; null for a summary (a click opens the queue). */
  requestId: string | null;
}

/** The screen a click on these kinds opens, on the desktop and in the browser alike; the others open their request. */
export const NOTIFY_SCREEN: Partial<Record<NotificationIntent['kind'], 'people' | 'recurring'>> = { joinRequest: 'people', scheduleProblem: 'recurring' };

export interface PolicyMemory {
  /** False until the first look: what is there on first start is the baseline, not news. */
  baselined: boolean;
  /** Keys said (or deliberately not said), with when, so nothing is said twice. */
  announced: Record<string, number>;
  /** Facts kept back by quiet hours or a pause, said when notifications speak again. */
  held: Fact[];
}

export interface PolicyInput {
  facts: readonly Fact[];
  now: Date;
  /** The person's department's calendar: quiet outside its working hours. */
  calendar: BusinessCalendar | undefined;
  pausedUntil: string | null;
  prefs: NotifyPrefs;
}

export const EMPTY_MEMORY: PolicyMemory = { baselined: false, announced: {}, held: [] };

/** More than this many at once are one summary. */
export const BURST = 3;
/** Announced keys of facts no longer true are forgotten after this long. */
const FORGET_AFTER_MS = 90 * 86_400_000;

const PLURALS: Record<NotifyKind, [string, string]> = {
  newRequest: ['new request', 'new requests'],
  assigned: ['assigned to you', 'assigned to you'],
  reply: ['reply', 'replies'],
  atRisk: ['at risk', 'at risk'],
  breached: ['overdue', 'overdue'],
  escalated: ['escalated', 'escalated'],
  reopened: ['reopened', 'reopened'],
  morningSummary: ['morning summary', 'morning summaries'],
  done: ['done', 'done'],
  satisfaction: ['question about a done request', 'questions about done requests'],
  declined: ['declined', 'declined'],
  outgoingLate: ['of yours late', 'of yours late'],
  waitingOnUs: ['waiting on you', 'waiting on you'],
  resumed: ['resumed by itself', 'resumed by themselves'],
  dateProposed: ['date proposed', 'dates proposed'],
  dueChanged: ['date agreed', 'dates agreed'],
  watched: ['change on a watched request', 'changes on watched requests'],
  typeNotify: ['new request naming you', 'new requests naming you'],
  joinRequest: ['request to join', 'requests to join'],
  scheduleProblem: ['recurring request that cannot be sent', 'recurring requests that cannot be sent'],
};

/** "3 new requests, 1 at risk": counts by kind, in the order kinds are listed. */
export function describeCounts(facts: readonly Fact[]): string {
  return NOTIFY_KINDS.flatMap((kind) => {
    const n = facts.filter((f) => f.kind === kind).length;
    return n ? [`${n} ${PLURALS[kind][n === 1 ? 0 : 1]}`] : [];
  }).join(', ');
}

export function isPaused(pausedUntil: string | null, now: Date): boolean {
  return pausedUntil !== null && Date.parse(pausedUntil) > now.getTime();
}

export function decideNotifications(memory: PolicyMemory, input: PolicyInput): { intents: NotificationIntent[]; memory: PolicyMemory } {
  const now = input.now.getTime();
  const announced = { ...memory.announced };
  const scopeKey = (scope: string) => `scope:${scope}`;
  const current = new Set(input.facts.flatMap((f) => (f.scope ? [f.key, scopeKey(f.scope)] : [f.key])));
  for (const [key, at] of Object.entries(announced)) if (!current.has(key) && now - at > FORGET_AFTER_MS) delete announced[key];

  if (!memory.baselined) {
    for (const key of current) announced[key] = now;
    return { intents: [], memory: { baselined: true, announced, held: [] } };
  }
  const newScopes = new Set(input.facts.flatMap((f) => (f.scope && !(scopeKey(f.scope) in announced) ? [f.scope] : [])));
  for (const f of input.facts) if (f.scope && newScopes.has(f.scope)) announced[f.key] = now;
  for (const scope of newScopes) announced[scopeKey(scope)] = now;

  const heldKeys = new Set(memory.held.map((f) => f.key));
  const fresh: Fact[] = [];
  for (const f of input.facts) {
    if (f.key in announced || heldKeys.has(f.key)) continue;
    // A kind switched off is marked said, so switching it on later does not bring a flood.
    if (!input.prefs[f.kind]) announced[f.key] = now;
    else fresh.push(f);
  }
  // What was held and is no longer true (the request was closed meanwhile) is not worth saying.
  const held = memory.held.filter((f) => current.has(f.key) && input.prefs[f.kind]);

  const quiet = isPaused(input.pausedUntil, input.now) || (input.calendar !== undefined && !isWorkingTime(input.calendar, input.now));
  if (quiet) return { intents: [], memory: { baselined: true, announced, held: [...held, ...fresh] } };

  const toSay = [...held, ...fresh];
  for (const f of toSay) announced[f.key] = now;
  const next = { baselined: true, announced, held: [] };
  if (toSay.length === 0) return { intents: [], memory: next };
  if (toSay.length === 1) return { intents: [intentOf(toSay[0]!)], memory: next };
  if (held.length > 0 || toSay.length > BURST) {
    const title = held.length > 0 ? 'While notifications were quiet' : `${toSay.length} updates in Interdesk`;
    return { intents: [{ id: `summary:${now}`, kind: 'summary', title, body: describeCounts(toSay), requestId: null }], memory: next };
  }
  return { intents: toSay.map(intentOf), memory: next };
}

function intentOf(f: Fact): NotificationIntent {
  return { id: f.key, kind: f.kind, title: f.title, body: f.body, requestId: f.requestId };
}
