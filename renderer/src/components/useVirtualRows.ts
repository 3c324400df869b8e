import type { RefObject } from 'react';
import { useEffect, useState } from 'react';

/** Rows drawn beyond the visible ones on each side, so a quick scroll shows no blank. */
const OVERSCAN = 8;
/** Before the container is measured (first paint, or a test without layout): a desktop window's worth. */
const FALLBACK_HEIGHT = 900;

/** Where `body` starts inside the scrolling `container`'s content, in pixels (0 without layout). */
export function offsetWithin(container: HTMLElement, body: HTMLElement | null): number {
  if (!body) return 0;
  return Math.max(0, body.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop);
}

/**
 * Which rows of a long list are worth putting in the DOM: those in the scroll container's view,
 * plus a few. Every row has the same height, so this is arithmetic; only where the rows start
 * (below headers, bars and notes whose heights vary) is measured.
 */
export function useVirtualRows(container: RefObject<HTMLElement | null>, body: RefObject<HTMLElement | null>, count: number, rowHeight: number) {
  const [view, setView] = useState({ top: 0, height: FALLBACK_HEIGHT });
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const measure = () => setView({ top: Math.max(0, el.scrollTop - offsetWithin(el, body.current)), height: el.clientHeight || FALLBACK_HEIGHT });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      resize?.disconnect();
    };
  }, [container, body, count]);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  return { first, last, before: first * rowHeight, after: (count - last) * rowHeight };
}
