import { useApp } from '../state/context.js';

/** Notifications inside the page: each opens its request on click, and can be dismissed. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const followToast = useApp((s) => s.followToast);
  const dismissToast = useApp((s) => s.dismissToast);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`}>
          <button type="button" className="toast-body" onClick={() => void followToast(t)}>
            <strong>{t.title}</strong>
            <span>{t.body}</span>
          </button>
          <button type="button" className="icon" aria-label={`Dismiss “${t.title}”`} onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
