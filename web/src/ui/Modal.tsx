import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';
import { focusableIn, focusedElement, isTopLayer, useFocusTrap } from './focusTrap';

type ModalProps = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** Another look (e.g. the quick switcher's, near the top and wider). */
  className?: string;
  /** The title stays for screen readers only (the content says what it is). */
  hideTitle?: boolean;
};

/**
 * A dialog over the page: Escape or a click outside closes it; focus starts inside it, Tab stays
 * inside while it is open, and focus goes back to what opened it on closing. It is put at the end
 * of the page, so that a dialog opened from the phone's sidebar drawer is not moved or hidden
 * with the drawer.
 */
export function Modal({ title, onClose, children, testId, className, hideTitle = false }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // Caught while rendering: a field of the dialog may take focus as it appears.
  const [opener] = useState(focusedElement);
  useFocusTrap(ref, {
    active: true,
    opener,
    // What the dialog marks (a confirmation's Cancel), else a field (the reason for most
    // dialogs), else the first button (Close).
    initialFocus: () => {
      const items = ref.current ? focusableIn(ref.current) : [];
      return (
        items.find((el) => el.hasAttribute('data-autofocus')) ??
        items.find((el) => el.matches('input, textarea, select')) ??
        items[0] ??
        null
      );
    },
  });

  // From the commit that shows it (ui/focusTrap.ts says why a layout effect).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog opened from this one closes first.
      if (e.key === 'Escape' && isTopLayer(ref.current)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        className={['modal', className].filter(Boolean).join(' ')}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        ref={ref}
      >
        {/* A div, not <header>: a dialog's top is not the page's banner landmark. */}
        <div className={hideTitle ? 'modal-header visually-hidden' : 'modal-header'}>
          <h2 id={titleId} className="modal-title">
            {title}
          </h2>
          {!hideTitle && (
            <button type="button" className="button button-quiet icon-button" aria-label="Close" title="Close" onClick={onClose}>
              <X size={18} aria-hidden="true" />
            </button>
          )}
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
