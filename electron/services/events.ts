import type { AppEvent, Config, Session } from '../../shared/contract/api.js';

export type EventListener = (event: AppEvent) => void;

/** Main → renderer pushes; each transport subscribes once and forwards to its windows or pages. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * A department's configuration changed (saved here, or arrived by sync): the configuration, the
 * session (its department list) and every view (calendars and policies move due dates) reload.
 */
export function announceConfigChange(events: EventBus, config: Config, session: Session): void {
  events.emit({ name: 'configChanged', payload: config });
  events.emit({ name: 'sessionChanged', payload: session });
  events.emit({ name: 'requestsChanged', payload: { ids: [] } });
}

/**
 * Every minute, tells the windows that clocks have moved: rows show "2 h left" as of when they
 * were listed, and with no change to push they would stand still. Answers a stop function.
 */
export function startClockTicks(events: EventBus, now: () => number, intervalMs = 60_000): () => void {
  const timer = setInterval(() => events.emit({ name: 'clocksMoved', payload: { at: new Date(now()).toISOString() } }), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
