import type { AppEvent } from '../../shared/contract/api.js';

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
