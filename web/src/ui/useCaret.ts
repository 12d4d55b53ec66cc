import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Calls `onCaret` with where the caret is in `ref`'s text field each time it moves there while the
 * field has focus: typing, arrows, Home/End, a click, a selection. React's `onSelect` did this;
 * under Preact, `onSelect` is the browser's `select` event, which fires only when a range of text
 * is selected. The browser reports every move as `selectionchange`, on the field (and, bubbling,
 * on the document) or only on the document, so the document's is the one listened to.
 */
export function useCaret(ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>, onCaret: (at: number) => void): void {
  const latest = useRef(onCaret);
  useLayoutEffect(() => {
    latest.current = onCaret;
  });
  useEffect(() => {
    const onChange = () => {
      const field = ref.current;
      if (field && document.activeElement === field) latest.current(field.selectionStart ?? 0);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [ref]);
}
