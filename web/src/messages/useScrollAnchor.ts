import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 80;

function isNearBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
}

/**
 * Keeps a message list's scroll position where a reader expects it:
 * - items prepended (an older page): the same messages stay in view;
 * - items appended while the reader is at the bottom (or `followKey` changes, e.g. an own send):
 *   scrolled to the new bottom;
 * - items appended while the reader is higher up: left alone;
 * - the content grows or the list shrinks (a reaction, a reply count or an edit on the newest
 *   message, a taller composer) while the reader was at the bottom: kept at the bottom.
 * Returns the list's onScroll handler. The list needs `overflow-anchor: none`, so the browser's
 * own scroll anchoring does not adjust a second time. After a prepend the position is set from
 * where the reader was (not added to where it is), so a virtualised list that already adjusted
 * for rows it measured meanwhile is not moved twice.
 */
export function useScrollAnchor(
  ref: RefObject<HTMLElement | null>,
  firstKey: string | undefined,
  lastKey: string | undefined,
  followKey: string | undefined,
): () => void {
  const snapshot = useRef({
    firstKey: undefined as string | undefined,
    lastKey: undefined as string | undefined,
    followKey: undefined as string | undefined,
    scrollHeight: 0,
    clientHeight: 0,
    scrollTop: 0,
    atBottom: true,
  });

  // Sizes change without any item coming or going: stay at the bottom if it was there before.
  const hasItems = firstKey !== undefined;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const prev = snapshot.current;
      const wasAtBottom = prev.scrollHeight - el.scrollTop - prev.clientHeight <= NEAR_BOTTOM_PX;
      const changed = el.scrollHeight !== prev.scrollHeight || el.clientHeight !== prev.clientHeight;
      if (changed && wasAtBottom) el.scrollTop = el.scrollHeight;
      snapshot.current = {
        ...prev,
        scrollHeight: el.scrollHeight,
        clientHeight: el.clientHeight,
        scrollTop: el.scrollTop,
        atBottom: isNearBottom(el),
      };
    });
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
    // Attached again once there is a list to watch (a panel may render it after loading).
  }, [ref, hasItems]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const prev = snapshot.current;
    const prepended = prev.firstKey !== undefined && firstKey !== prev.firstKey && lastKey === prev.lastKey;
    if (prepended) {
      el.scrollTop = prev.scrollTop + (el.scrollHeight - prev.scrollHeight);
    } else if (prev.atBottom || (followKey !== undefined && followKey !== prev.followKey)) {
      el.scrollTop = el.scrollHeight;
    }
    snapshot.current = {
      firstKey,
      lastKey,
      followKey,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      scrollTop: el.scrollTop,
      atBottom: isNearBottom(el),
    };
  }, [ref, firstKey, lastKey, followKey]);

  return useCallback(() => {
    const el = ref.current;
    if (!el) return;
    snapshot.current.atBottom = isNearBottom(el);
    snapshot.current.scrollHeight = el.scrollHeight;
    snapshot.current.clientHeight = el.clientHeight;
    snapshot.current.scrollTop = el.scrollTop;
  }, [ref]);
}
