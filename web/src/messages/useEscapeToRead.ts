import { useEffect, useLayoutEffect, useRef } from 'react';

/** Where Escape belongs to what is open (a dialog, a menu, a picker, the thread), not to reading. */
const ESCAPE_TAKEN = '[role="dialog"], [role="menu"], [role="listbox"], [data-testid="thread-panel"]';
const OPEN_OVERLAY = '[role="dialog"], [role="menu"], [role="listbox"]';

/**
 * Calls `handler` on Escape (`shift`: Shift-Escape) pressed anywhere, unless something else uses
 * the key: an open dialog, menu or suggestion list, the thread panel, or an edit being cancelled
 * (it prevents the default). Escape marks the open conversation read; Shift-Escape everything.
 */
export function useEscapeToRead(handler: () => void, shift: boolean): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.shiftKey !== shift || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest(ESCAPE_TAKEN) || document.querySelector(OPEN_OVERLAY)) return;
      latest.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shift]);
}
