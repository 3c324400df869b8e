import type { NotificationIntent } from '../../shared/notify/policy.js';

/** The part of Electron's Notification the notifier uses (injected: tests pass a fake). */
export interface NativeNotification {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NativeNotification;
  /** A click: bring the window up and show the intent's request (or the queue). */
  onClick(intent: NotificationIntent): void;
}

/** Shows intents as native notifications; the policy decided already, so this only renders. */
export class Notifier {
  /** Kept until clicked or replaced: a notification collected by the garbage collector loses its click. */
  private readonly live = new Set<NativeNotification>();

  constructor(private readonly deps: NotifierDeps) {}

  show(intent: NotificationIntent): void {
    if (!this.deps.isSupported()) return;
    const n = this.deps.create({ title: intent.title, body: intent.body });
    this.live.add(n);
    if (this.live.size > 20) this.live.delete(this.live.values().next().value!);
    n.on('click', () => {
      this.live.delete(n);
      this.deps.onClick(intent);
    });
    n.show();
  }
}
