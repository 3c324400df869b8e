import { readFileSync } from 'node:fs';
import { writeFileDurably } from '../store/durableFile.js';
import type { QueueView, RequestList } from '../../shared/contract/api.js';
import { ChangeSet } from '../../shared/core/changes.js';
import { patchRows } from '../../shared/model/queueNarrowing.js';
import type { RequestSummary } from '../../shared/model/request.js';
import type { Profile } from '../../shared/core/actor.js';
import { factsFor } from '../../shared/notify/facts.js';
import { stuckSchedules } from '../../shared/model/recurringAsks.js';
import type { Fact, NotificationIntent, PolicyMemory } from '../../shared/notify/policy.js';
import { morningFact } from '../../shared/notify/morning.js';
import { isWorkingTime, localDate } from '../../shared/sla/calendar.js';
import { EMPTY_MEMORY, decideNotifications } from '../../shared/notify/policy.js';
import type { TrayModel } from '../../shared/notify/tray.js';
import { trayModel } from '../../shared/notify/tray.js';
import type { SyncStatus } from '../../shared/core/syncStatus.js';
import type { RequestStore } from '../store/requestStore.js';
import type { Handlers } from './dispatch.js';
import type { EventBus } from './events.js';
import type { SettingsStore } from './settings.js';

export interface NotificationCenterDeps {
  handlers: Pick<Pick<Handlers, 'listRequests'>, 'listRequests'>;
  store: RequestStore;
  settings: SettingsStore;
  events: EventBus;
  syncStatus: () => SyncStatus;
  /** Where what was said is remembered (per department), so a restart does not repeat it. */
  file: string;
  now?: () => number;
  /** Clocks cross thresholds with no change to any request: look again this often. */
  intervalMs?: number;
  /** A sync cycle is under way (the store may hold half of what it brings): the first look waits for it. */
  syncing?: () => boolean;
}

type Memories = Record<string, PolicyMemory>;

interface Listed {
  key: string;
  opCount: number;
  incoming: RequestList;
  outgoing: RequestList;
  watching: RequestList;
}

/**
 * Runs the notification policy against the person's queues whenever requests change and once a
 * minute, remembers what it said, and emits each intent as a `notification` event — which the
 * desktop shell shows natively and the browser transport delivers to the page.
 */
export class NotificationCenter {
  private memories: Memories;
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly unnote: () => void;
  private readonly now: () => number;
  /** The morning summary looked for last (its key): once a business day, whatever it found. */
  private morningLooked = '';
  /** The person's queues as last listed, and the state they were listed at (see `queues`). */
  private listed: Listed | null = null;
  /** Requests that changes have named since the queues were listed; 'many' when one did not name them. */
  /** What changed since the last listing; everything until there is one. */
  private changed = ChangeSet.everything();

  constructor(private readonly deps: NotificationCenterDeps) {
    this.now = deps.now ?? Date.now;
    this.memories = this.load();
    // Noted from the start, timers or not: a look asked for directly patches the queues too.
    this.unnote = deps.events.subscribe((e) => e.name === 'requestsChanged' && this.noteChanged(e.payload.ids));
  }

  /** Looks at the queues now; answers (and emits) what is to be said. */
  evaluate(): NotificationIntent[] {
    const s = this.deps.settings.read();
    const profile = s.profile;
    if (!profile) return [];
    // The first look is the baseline ("nothing here is news"). Taken in the middle of a first
    // sync, it would make everything the rest of the sync brings look new: one burst of
    // thousands of "updates" on a machine that has just joined. So it waits for the sync.
    if (!this.memories[profile.department] && this.deps.syncing?.()) {
      this.lookSoon(1_000);
      return [];
    }
    const queues = this.queues();
    if (!queues) return [];
    const { incoming, outgoing, watching } = queues;
    const memory = this.memories[profile.department] ?? EMPTY_MEMORY;
    const leads = this.leads(profile);
    const stuck = leads ? stuckSchedules(this.deps.store.config, profile.department, new Date(this.now())) : [];
    const facts = factsFor(profile, incoming.items, outgoing.items, watching.items, this.asking(), this.named(profile), leads, stuck);
    const morning = leads ? this.morning(profile, memory) : null;
    const { intents, memory: next } = decideNotifications(memory, {
      facts: morning ? [...facts, morning] : facts,
      now: new Date(this.now()),
      calendar: this.deps.store.config.get(profile.department)?.calendar,
      pausedUntil: s.notifications.pausedUntil,
      prefs: s.notifications.prefs,
    });
    if (JSON.stringify(next) !== JSON.stringify(memory)) {
      this.memories = { ...this.memories, [profile.department]: next };
      this.save();
    }
    for (const intent of intents) this.deps.events.emit({ name: 'notification', payload: intent });
    return intents;
  }

  /**
   * New requests to other departments of a type whose catalog entry names this person (its
   * "notify" list): a manager who wants to hear of every order clarification, say. Nothing to do,
   * at once, when no catalog names them.
   */
  private named(profile: Profile): RequestSummary[] {
    const { store } = this.deps;
    const me = profile.name.trim().toLowerCase();
    const types = new Map<string, Set<string>>();
    for (const department of store.config.departments()) {
      if (department === profile.department) continue;
      const ids = (store.config.get(department)?.catalog ?? []).filter((t) => t.notify.some((n) => n.trim().toLowerCase() === me)).map((t) => t.id);
      if (ids.length) types.set(department, new Set(ids));
    }
    if (!types.size) return [];
    const ids: string[] = [];
    for (const e of store.requests()) {
      const c = e.create!.fields;
      if (e.status?.value === 'new' && c.typeId && types.get(c.toDepartment)?.has(c.typeId)) ids.push(e.id);
    }
    if (!ids.length) return [];
    try {
      return (this.deps.handlers.listRequests({ view: 'all', includeClosed: false, only: ids }) as RequestList).items;
    } catch (err) {
      console.warn(`Interdesk: notifications could not read the requests that name this person (${(err as Error).message}).`);
      return [];
    }
  }

  /**
   * The lead's summary of the business morning, once a day: the department's requests are listed
   * with closed ones (a request closed late yesterday breached too) only while today's is unsaid.
   */
  private morning(profile: Profile, memory: PolicyMemory): Fact | null {
    const cal = this.deps.store.config.get(profile.department)?.calendar;
    const now = new Date(this.now());
    if (!cal || !isWorkingTime(cal, now)) return null;
    const key = `morning:${profile.department}:${localDate(cal, now)}`;
    // Looked at once a morning: a day with nothing overdue at its start is not summed up at noon.
    if (key in memory.announced || this.morningLooked === key) return null;
    this.morningLooked = key;
    try {
      const rows = (this.deps.handlers.listRequests({ view: 'incoming', includeClosed: true }) as RequestList).items;
      return morningFact(profile.department, rows, cal, now);
    } catch (err) {
      console.warn(`Interdesk: the morning summary could not list the department's requests (${(err as Error).message}).`);
      return null;
    }
  }

  /** Whether this person leads their department (an admin too); on a share without a roster, everyone does. */
  private leads(profile: Profile): boolean {
    const { store } = this.deps;
    const key = store.ownKey;
    if (!store.roster.inForce || !key) return true;
    const me = store.roster.people().find((p) => p.key === key);
    return !!me && !me.removed && (me.admin || me.leads.includes(profile.department));
  }

  /** Requests to join that this machine's person may answer: a lead of the department asked for, or an admin. */
  private asking(): { key: string; name: string; department: string }[] {
    const { store } = this.deps;
    const key = store.ownKey;
    if (!store.roster.inForce || !key) return [];
    const me = store.roster.people().find((p) => p.key === key);
    if (!me || me.removed) return [];
    return store.roster
      .people()
      .filter((p) => p.key !== key)
      .flatMap((p) => p.asking.filter((d) => me.admin || me.leads.includes(d)).map((department) => ({ key: p.key, name: p.name, department })));
  }

  /** What the tray shows now; null before setup. */
  tray(): TrayModel | null {
    const s = this.deps.settings.read();
    if (!s.profile) return null;
    return trayModel({
      department: s.profile.department,
      incoming: this.queues()?.incoming.items ?? [],
      sync: this.deps.syncStatus(),
      pausedUntil: s.notifications.pausedUntil,
      now: new Date(this.now()),
      joinRequests: this.asking().length,
      outgoing: this.queues()?.outgoing.items ?? [],
      leads: this.leads(s.profile),
    });
  }

  start(): void {
    this.timer = setInterval(() => this.evaluate(), this.deps.intervalMs ?? 60_000);
    this.timer.unref();
    // The first look waits for the app to have started: it lists whole queues, and the window's own list comes first.
    this.lookSoon(3_000);
    // A sync brings changes in bursts: look once they have settled.
    this.unsubscribe = this.deps.events.subscribe((e) => {
      if (e.name !== 'requestsChanged' && e.name !== 'preferencesChanged' && e.name !== 'sessionChanged') return;
      if (this.pending) clearTimeout(this.pending);
      this.pending = null;
      this.lookSoon(300);
    });
  }

  /** Looks again after `ms`, unless a look is already due (only once started: tests look when they like). */
  private lookSoon(ms: number): void {
    if (this.pending || !this.timer) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.evaluate();
    }, ms);
    this.pending.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribe?.();
    this.unnote();
    this.timer = this.pending = null;
    this.unsubscribe = null;
  }

  /**
   * The person's incoming (open) and outgoing (all) queues. Listing computes every row's clocks
   * (half a second at 100,000 requests), and the policy and the tray both ask after each change:
   * the lists are kept until the configuration, the person or the minute changes, and a change
   * that names its requests only fetches their rows.
   */
  private queues(): Listed | null {
    const s = this.deps.settings.read();
    const { store } = this.deps;
    const key = `${store.config.version}:${s.profile?.name}:${s.profile?.department}:${Math.floor(this.now() / 60_000)}`;
    const listed = this.listed;
    if (listed?.key === key) {
      if (listed.opCount === store.opCount) return listed;
      // Operations came in and no event has named them yet: a sync under way names them when it
      // ends. Until then the last listing stands — listing whole here, on every progress report
      // of a first sync, would cost half a second each time at 100,000 requests.
      if (this.changed.isEmpty) return listed;
    }
    const named = listed?.key === key && !this.changed.isEverything ? this.changed.toIds() : null;
    try {
      const list = (view: QueueView, includeClosed: boolean, before: RequestList | undefined): RequestList => {
        if (!named || !before) return this.deps.handlers.listRequests({ view, includeClosed }) as RequestList;
        const rows = this.deps.handlers.listRequests({ view, includeClosed, only: named }) as RequestList;
        const items = patchRows(before.items, named, rows.items);
        return { ...rows, items, total: items.length };
      };
      this.listed = {
        key,
        opCount: store.opCount,
        incoming: list('incoming', false, listed?.incoming),
        outgoing: list('outgoing', true, listed?.outgoing),
        watching: list('watching', true, listed?.watching),
      };
      this.changed = new ChangeSet();
      return this.listed;
    } catch (err) {
      console.warn(`Interdesk: notifications could not read the queues (${(err as Error).message}).`);
      return null;
    }
  }

  private noteChanged(ids: readonly string[]): void {
    this.changed.addAll(ids);
  }

  private load(): Memories {
    try {
      return JSON.parse(readFileSync(this.deps.file, 'utf8')) as Memories;
    } catch {
      return {};
    }
  }

  /** Losing this file costs one quiet restart (a new baseline), never a flood. */
  private save(): void {
    try {
      writeFileDurably(this.deps.file, JSON.stringify(this.memories));
    } catch (err) {
      console.warn(`Interdesk: could not remember which notifications were shown (${(err as Error).message}).`);
    }
  }
}
