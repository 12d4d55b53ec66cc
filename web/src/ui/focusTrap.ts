// Keeping the keyboard inside the open layer (a dialog, the phone's sidebar drawer): Tab and
// Shift-Tab cycle through what it holds, focus that lands outside is brought back, and on closing
// focus goes back to what had it when the layer opened.
import { useLayoutEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(', ');

/** The open layers, innermost last: only the innermost one keeps the keyboard. */
const layers: HTMLElement[] = [];

/** Whether `el` is the innermost open layer (a layer under a dialog lets the dialog act). */
export function isTopLayer(el: HTMLElement | null): boolean {
  return el !== null && layers[layers.length - 1] === el;
}

/** Whether any dialog (not the drawer, which is no dialog) is open: page shortcuts stand aside. */
export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** What Tab can reach inside `root`, in order: shown, enabled, not inert. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[inert]') && getComputedStyle(el).visibility !== 'hidden',
  );
}

export type FocusTrapOptions = {
  active: boolean;
  /** Where focus starts (default: the first focusable element, else the layer itself). */
  initialFocus?: () => HTMLElement | null;
  /** Where focus goes on closing when the opener is gone (it was in a page that changed). */
  fallbackFocus?: () => HTMLElement | null;
  /**
   * What had focus before the layer opened, when the caller caught it earlier (a dialog whose
   * field takes focus as it appears); by default, what has it when the trap starts.
   */
  opener?: HTMLElement | null;
};

/** The focused element, if any (for a caller catching the opener while rendering). */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement && document.activeElement !== document.body
    ? document.activeElement
    : null;
}

/**
 * Traps focus in `ref` while `active`, and gives it back on deactivation or unmount. A layout
 * effect: focus moves with the commit that opens or closes the layer. (Preact runs a passive
 * effect's cleanup only after the next paint, where React runs it at once after a key press or a
 * click, so focus would wait a frame on the body, and a key typed then would be lost.)
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>, options: FocusTrapOptions): void {
  const { active } = options;
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });

  useLayoutEffect(() => {
    const root = ref.current;
    if (!active || !root) return;
    const opener = latest.current.opener !== undefined ? latest.current.opener : focusedElement();
    layers.push(root);
    if (!root.contains(document.activeElement)) {
      (latest.current.initialFocus?.() ?? focusableIn(root)[0] ?? root).focus();
    }

    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.defaultPrevented || !isTopLayer(root)) return;
      const items = focusableIn(root);
      const first = items[0];
      const last = items[items.length - 1];
      const at = document.activeElement;
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      const inside = at instanceof Node && root.contains(at);
      if (e.shiftKey && (at === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      if (!isTopLayer(root) || !(e.target instanceof Node) || root.contains(e.target)) return;
      (focusableIn(root)[0] ?? root).focus();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);

    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      const at = layers.lastIndexOf(root);
      if (at !== -1) layers.splice(at, 1);
      // Focus goes back only when it is still in the layer (or lost with it): a layer closed by
      // a click elsewhere leaves focus where the click put it.
      const current = document.activeElement;
      const lost = !current || current === document.body || root.contains(current) || !root.isConnected;
      if (!lost) return;
      const back = opener?.isConnected && !root.contains(opener) ? opener : latest.current.fallbackFocus?.();
      back?.focus({ preventScroll: true });
    };
  }, [ref, active]);
}
