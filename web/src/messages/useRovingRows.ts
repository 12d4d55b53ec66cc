import { useCallback, useLayoutEffect, useMemo, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { isFocusableRow, nextFocusableRow, type ListRow } from './listRows';

/** What a row may hold that Tab would stop at. */
const FOCUSABLE = 'a[href], button, input, textarea, select, [tabindex]';
/** Keys that belong to the control they are typed in, never to the list. */
const OWN_KEYS = 'input, textarea, select, [role="dialog"], [role="listbox"], [role="grid"], [role="menu"]';

export type RovingRows = {
  /** The index of the row holding the list's one Tab stop (-1 with no message). */
  activeIndex: number;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: (e: FocusEvent<HTMLElement>) => void;
};

/** Where the Tab stop is: the row last focused while it is there, else the newest message. */
export function activeRowIndex(rows: readonly ListRow[], chosen: string | null): number {
  const index = chosen === null ? -1 : rows.findIndex((r) => r.key === chosen);
  if (index >= 0 && isFocusableRow(rows[index])) return index;
  const last = nextFocusableRow(rows, rows.length - 1, 'last');
  return isFocusableRow(rows[last]) ? last : -1;
}

/**
 * One Tab stop for the whole list (a roving tab index): Tab reaches one message; Up and Down (Home,
 * End) move between messages, bringing them into view; Right goes into the message's actions,
 * where Left and Right move along and Left at the first (or Escape) comes back. Within the focused
 * message Tab also reaches its links and actions; other messages' controls are out of the Tab order.
 */
export function useRovingRows(
  listRef: RefObject<HTMLElement | null>,
  rows: readonly ListRow[],
  scrollToIndex: (index: number) => void,
): RovingRows {
  const [chosen, setChosen] = useState<string | null>(null);
  const activeIndex = useMemo(() => activeRowIndex(rows, chosen), [rows, chosen]);

  const focusRow = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setChosen(row.key);
      scrollToIndex(index);
      const selector = `[data-row-key="${CSS.escape(row.key)}"]`;
      let tries = 0;
      // The row may render only once scrolled to: wait a few frames for it.
      const attempt = () => {
        const el = listRef.current?.querySelector<HTMLElement>(selector);
        if (el) el.focus();
        else if (++tries < 10) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [rows, scrollToIndex, listRef],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement;
      const rowEl = target.closest<HTMLElement>('[data-row-key]');
      if (!rowEl || target.closest(OWN_KEYS) || e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(rowEl.dataset.index);
      const actions = Array.from(rowEl.querySelectorAll<HTMLElement>('.message-actions button'));
      if (target === rowEl) {
        const move = { ArrowDown: 'next', ArrowUp: 'previous', Home: 'first', End: 'last' } as const;
        if (e.key in move) focusRow(nextFocusableRow(rows, index, move[e.key as keyof typeof move]));
        else if (e.key === 'ArrowRight' && actions[0]) actions[0].focus();
        else return;
      } else if (actions.includes(target)) {
        const at = actions.indexOf(target);
        if (e.key === 'ArrowRight') actions[Math.min(at + 1, actions.length - 1)]?.focus();
        else if (e.key === 'ArrowLeft') (at > 0 ? actions[at - 1] : rowEl)?.focus();
        else if (e.key === 'Escape') rowEl.focus();
        else return;
      } else {
        return;
      }
      e.preventDefault();
    },
    [rows, focusRow],
  );

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const key = e.target.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
    if (key) setChosen(key);
  }, []);

  useOnlyActiveRowTabbable(listRef, activeIndex);
  return { activeIndex, onKeyDown, onFocus };
}

/**
 * Takes the controls of every row but the active one out of the Tab order (and puts the active
 * one's back), as rows render, scroll in and change.
 */
function useOnlyActiveRowTabbable(listRef: RefObject<HTMLElement | null>, activeIndex: number) {
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const apply = () => {
      for (const row of Array.from(list.querySelectorAll<HTMLElement>('[data-row-key]'))) {
        const active = row.tabIndex === 0;
        for (const el of Array.from(row.querySelectorAll<HTMLElement>(FOCUSABLE))) {
          if (active && el.dataset.rovingOff) {
            el.removeAttribute('tabindex');
            delete el.dataset.rovingOff;
          } else if (!active && !el.dataset.rovingOff && el.getAttribute('tabindex') !== '-1') {
            el.setAttribute('tabindex', '-1');
            el.dataset.rovingOff = '1';
          }
        }
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => observer.disconnect();
  }, [listRef, activeIndex]);
}
