import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { rowIndexOfMessage, type ListRow } from './listRows';

export type ListTargets = {
  /** The "New messages" line's row, or -1. */
  dividerIndex: number;
  /** The line is above what shows (the unread bar says so). */
  dividerAbove: boolean;
  /** Brings the line to the top of the view, the first unread message under it. */
  jumpToDivider: () => void;
};

/**
 * Brings the linked message (each time the link changes) into the middle of the view or, when
 * opening with unread messages, the "New messages" line to the top of it, after the scroll
 * anchor has put the list at the bottom; a short unread run already in view stays as it is.
 */
export function useListTargets(
  ref: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, HTMLLIElement>,
  rows: readonly ListRow[],
  highlightId: string | null,
): ListTargets {
  const dividerIndex = rows.findIndex((r) => r.kind === 'divider');
  const loaded = rows.length > 1;
  const done = useRef<{ highlight: string | null; divider: boolean }>({ highlight: null, divider: false });

  useLayoutEffect(() => {
    const list = ref.current;
    if (!list || !loaded) return;
    if (highlightId && done.current.highlight !== highlightId) {
      const index = rowIndexOfMessage(rows, highlightId);
      if (index >= 0) {
        virtualizer.scrollToIndex(index, { align: 'center' });
        done.current = { highlight: highlightId, divider: true };
      }
      return;
    }
    if (dividerIndex >= 0 && !done.current.divider) {
      done.current.divider = true;
      const start = virtualizer.measurementsCache[dividerIndex]?.start ?? 0;
      if (start < list.scrollTop) virtualizer.scrollToIndex(dividerIndex, { align: 'start' });
    }
  }, [ref, virtualizer, rows, highlightId, dividerIndex, loaded]);

  const divider = dividerIndex >= 0 ? virtualizer.measurementsCache[dividerIndex] : undefined;
  const dividerAbove = divider !== undefined && divider.end <= (virtualizer.scrollOffset ?? 0);
  const jumpToDivider = useCallback(() => {
    if (dividerIndex >= 0) virtualizer.scrollToIndex(dividerIndex, { align: 'start' });
  }, [virtualizer, dividerIndex]);

  return { dividerIndex, dividerAbove, jumpToDivider };
}
