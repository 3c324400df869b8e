import type { Virtualizer } from '@tanstack/react-virtual';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

/** Rows drawn beyond the visible ones on each side, so a quick scroll shows no blank. */
const OVERSCAN = 8;
/** Before the container is laid out (first paint, or a test without layout): a desktop window's worth. */
const FALLBACK_HEIGHT = 900;

/** Where `body` starts inside the scrolling `container`'s content, in pixels (0 without layout). */
function offsetWithin(container: HTMLElement, body: HTMLElement | null): number {
  if (!body) return 0;
  return Math.max(0, Math.round(body.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop));
}

/** The library's own measuring, with a window's height where there is no layout to measure yet. */
const observeWithFallback: typeof observeElementRect<HTMLElement> = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT }));

/**
 * Which rows of a long list are in the DOM (@tanstack/react-virtual): those in the scroll
 * container's view, plus a few. Where the rows start is measured again whenever the bars above
 * them change height (a bulk bar shows, a filter bar wraps), so the visible rows stay the right ones.
 */
export function useVirtualRows(
  container: RefObject<HTMLElement | null>,
  body: RefObject<HTMLElement | null>,
  above: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): { virtualizer: Virtualizer<HTMLElement, Element>; first: number; last: number; before: number; after: number } {
  const [margin, setMargin] = useState(0);
  const measure = useCallback(() => {
    const el = container.current;
    if (el) setMargin(offsetWithin(el, body.current));
  }, [container, body]);
  // After every render: a bar that appeared or a filter bar that wrapped moves where the rows start.
  useLayoutEffect(measure);
  // And when the bars change height between renders (the window is narrowed): one observer, kept.
  useEffect(() => {
    const bars = above.current;
    if (!bars || typeof ResizeObserver !== 'function') return;
    const resize = new ResizeObserver(measure);
    resize.observe(bars);
    return () => resize.disconnect();
  }, [above, measure]);
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: () => container.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin: margin,
    initialRect: { width: 0, height: FALLBACK_HEIGHT },
    observeElementRect: observeWithFallback,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items[items.length - 1]?.index ?? -1) + 1;
  const before = (items[0]?.start ?? margin) - margin;
  const after = Math.max(0, virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? margin) - margin));
  return { virtualizer, first, last, before, after };
}
