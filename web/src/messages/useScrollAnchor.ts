import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 80;

function isNearBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
}

/**
 * Keeps a message list's scroll position where a reader expects it:
 * - items prepended (an older page): the same messages stay in view;
 * - items appended while the reader is at the bottom (or `followKey` changes, e.g. an own send):
 *   scrolled to the new bottom;
 * - items appended while the reader is higher up: left alone.
 * Returns the list's onScroll handler. The list needs `overflow-anchor: none`, so the browser's
 * own scroll anchoring does not adjust a second time.
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
    atBottom: true,
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const prev = snapshot.current;
    const prepended = prev.firstKey !== undefined && firstKey !== prev.firstKey && lastKey === prev.lastKey;
    if (prepended) {
      el.scrollTop += el.scrollHeight - prev.scrollHeight;
    } else if (prev.atBottom || (followKey !== undefined && followKey !== prev.followKey)) {
      el.scrollTop = el.scrollHeight;
    }
    snapshot.current = {
      firstKey,
      lastKey,
      followKey,
      scrollHeight: el.scrollHeight,
      atBottom: isNearBottom(el),
    };
  }, [ref, firstKey, lastKey, followKey]);

  return useCallback(() => {
    const el = ref.current;
    if (!el) return;
    snapshot.current.atBottom = isNearBottom(el);
    snapshot.current.scrollHeight = el.scrollHeight;
  }, [ref]);
}
