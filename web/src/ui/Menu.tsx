import { createContext, useContext, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Check, Ellipsis } from 'lucide-react';

type MenuProps = {
  /** The trigger's accessible name and tooltip, e.g. "Options for #general". */
  label: string;
  testId?: string;
  /** The menu's items; `close` shuts the menu. */
  children: (close: () => void) => ReactNode;
  /** Opened from outside (e.g. a right click on the row). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  className?: string;
  /** The trigger's icon (default: an ellipsis). */
  icon?: ReactNode;
  /** The trigger's own class (default: the small quiet `menu-button`). */
  buttonClassName?: string;
  /** Which edge of the trigger the popup lines up with (default: its end). */
  align?: 'start' | 'end';
};

/** Lets an item close its menu, and give focus back to the trigger, before it acts. */
const MenuContext = createContext<(() => void) | null>(null);

const ITEM = '[role^="menuitem"]';

/**
 * A button with a small menu under it, as a WAI-ARIA menu: opening it focuses the first item,
 * arrows (and Home/End) move between items, Escape or Tab closes it and gives focus back to the
 * button; choosing an item does too, before the item acts (so a dialog it opens returns focus to
 * the button). A click outside closes it.
 */
export function Menu(props: MenuProps) {
  const { label, testId, children, open: openProp, onOpenChange, className, icon, buttonClassName, align = 'end' } = props;
  const [openState, setOpenState] = useState(false);
  const open = openProp ?? openState;
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  const ref = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const setOpenRef = useRef(setOpen);
  useLayoutEffect(() => {
    setOpenRef.current = setOpen;
  });
  const closeAndFocus = () => {
    setOpenRef.current(false);
    trigger.current?.focus();
  };

  // A layout effect, so that the first item has focus with the commit that opens the menu
  // (ui/focusTrap.ts says why).
  useLayoutEffect(() => {
    if (!open) return;
    popup.current?.querySelector<HTMLElement>(ITEM)?.focus();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpenRef.current(false);
    };
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setOpenRef.current(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const onPopupKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(popup.current?.querySelectorAll<HTMLElement>(ITEM) ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => items[(index + items.length) % items.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at < 0 ? -1 : at - 1),
      Home: () => move(0),
      End: () => move(-1),
      Escape: closeAndFocus,
      Tab: () => setOpen(false),
    };
    const action = keys[e.key];
    if (!action) return;
    // Escape and the arrows are the menu's, not the page's (marking read, moving between rows).
    e.stopPropagation();
    if (e.key !== 'Tab') e.preventDefault();
    action();
  };

  return (
    <div className={['menu', className].filter(Boolean).join(' ')} ref={ref}>
      <button
        type="button"
        ref={trigger}
        className={buttonClassName ?? 'menu-button'}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid={testId}
        onClick={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        {icon ?? <Ellipsis size={16} aria-hidden="true" />}
      </button>
      {open && (
        <div
          className={align === 'start' ? 'menu-popup is-start' : 'menu-popup'}
          role="menu"
          aria-label={label}
          ref={popup}
          onKeyDown={onPopupKey}
        >
          <MenuContext.Provider value={closeAndFocus}>{children(() => setOpen(false))}</MenuContext.Provider>
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
  /** An icon before the text (decorative: the text names the item). */
  icon?: ReactNode;
};

export function MenuItem({ onSelect, children, testId, danger, data, checked, icon }: MenuItemProps) {
  const closeMenu = useContext(MenuContext);
  const dataAttributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemradio'}
      aria-checked={checked}
      tabIndex={-1}
      className={danger ? 'menu-item is-danger' : 'menu-item'}
      data-testid={testId}
      {...dataAttributes}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        closeMenu?.();
        onSelect();
      }}
    >
      {checked !== undefined && (
        <span className="menu-check" aria-hidden="true">
          {checked && <Check size={14} />}
        </span>
      )}
      {icon && (
        <span className="menu-item-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {children}
    </button>
  );
}
