import type { NotificationIntent } from '../../../../shared/notify/policy.js';
import { NOTIFY_SCREEN } from '../../../../shared/notify/policy.js';
import type { GetState, SetState, StoreDeps } from './kit.js';

/** At most this many toasts at once; older ones make room. */
const MAX_TOASTS = 4;

/** Notifications shown inside the page (the browser transport; the desktop shows them natively). */
export interface ToastSlice {
  inPageNotifications: boolean;
  toasts: NotificationIntent[];
  /** A notification arrived: shown as a toast where the page shows them. */
  addToast(intent: NotificationIntent): void;
  dismissToast(id: string): void;
  /** A click on a notification: its request, or the Incoming queue for a summary. */
  followToast(intent: NotificationIntent): Promise<void>;
}

export const createToastSlice = (set: SetState, get: GetState, { options }: StoreDeps): ToastSlice => ({
  inPageNotifications: options.inPageNotifications ?? false,
  toasts: [],
  addToast(intent) {
    if (get().inPageNotifications) set({ toasts: [...get().toasts, intent].slice(-MAX_TOASTS) });
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  async followToast(intent) {
    get().dismissToast(intent.id);
    // A request to join is answered on the People screen, a schedule that cannot be sent on Recurring; everything else is about a request (or the queue).
    const screen = NOTIFY_SCREEN[intent.kind];
    if (screen) return { people: get().openPeople, recurring: get().openRecurring }[screen]();
    await get().showRequest(intent.requestId);
  },
});
