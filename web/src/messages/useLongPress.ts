import { useCallback, useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';

/** How long a finger rests on a message to open its actions. */
export const LONG_PRESS_MS = 500;
/** A finger that moves further is scrolling, not pressing. */
export const LONG_PRESS_SLOP_PX = 10;

/** Whether a press that started at `from` has moved too far to count as a long press. */
export function movedTooFar(from: { x: number; y: number }, to: { x: number; y: number }): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) > LONG_PRESS_SLOP_PX;
}

/**
 * Touch only: a finger held still on a row (an element with `data-row-key`) for LONG_PRESS_MS
 * calls `onLongPress` with the row; moving, lifting or a cancelled pointer stops it. The browser's
 * own long-press menu is kept from opening over it. Handlers go on the list.
 */
export function useLongPress(onLongPress: (row: HTMLElement) => void) {
  const press = useRef<{ timer: number; x: number; y: number } | null>(null);
  const fired = useRef(false);
  const cancel = useCallback(() => {
    if (press.current) window.clearTimeout(press.current.timer);
    press.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      cancel();
      fired.current = false;
      if (e.pointerType !== 'touch') return;
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-row-key]');
      if (!row) return;
      const timer = window.setTimeout(() => {
        press.current = null;
        fired.current = true;
        onLongPress(row);
      }, LONG_PRESS_MS);
      press.current = { timer, x: e.clientX, y: e.clientY };
    },
    [cancel, onLongPress],
  );
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if (press.current && movedTooFar(press.current, { x: e.clientX, y: e.clientY })) cancel();
    },
    [cancel],
  );
  const onContextMenu = useCallback((e: MouseEvent<HTMLElement>) => {
    if (fired.current || press.current) e.preventDefault();
  }, []);
  return { onPointerDown, onPointerMove, onPointerUp: cancel, onPointerCancel: cancel, onContextMenu };
}
