import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type MenuProps = {
  /** The trigger's accessible name, e.g. "Options for #general". */
  label: string;
  testId?: string;
  /** The menu's items; `close` shuts the menu. */
  children: (close: () => void) => ReactNode;
  /** Opened from outside (e.g. a right click on the row). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
};

/** A "⋯" button with a small menu under it; a click outside or Escape closes it. */
export function Menu({ label, testId, children, open: openProp, onOpenChange, className }: MenuProps) {
  const [openState, setOpenState] = useState(false);
  const open = openProp ?? openState;
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  const ref = useRef<HTMLDivElement>(null);
  const setOpenRef = useRef(setOpen);
  useLayoutEffect(() => {
    setOpenRef.current = setOpen;
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpenRef.current(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpenRef.current(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className={['menu', className].filter(Boolean).join(' ')} ref={ref}>
      <button
        type="button"
        className="menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid={testId}
        onClick={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        ⋯
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

type MenuItemProps = {
  onSelect: () => void;
  children: ReactNode;
  testId?: string;
  danger?: boolean;
  /** Extra data attributes for tests, e.g. the category an item moves to. */
  data?: Record<string, string>;
  /** One of a set of choices (a radio item), chosen or not. */
  checked?: boolean;
};

export function MenuItem({ onSelect, children, testId, danger, data, checked }: MenuItemProps) {
  const dataAttributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemradio'}
      aria-checked={checked}
      className={danger ? 'menu-item is-danger' : 'menu-item'}
      data-testid={testId}
      {...dataAttributes}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onSelect();
      }}
    >
      {checked !== undefined && (
        <span className="menu-check" aria-hidden="true">
          {checked ? '✓' : ''}
        </span>
      )}
      {children}
    </button>
  );
}
