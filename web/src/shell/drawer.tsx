// The sidebar as a drawer on phones: closed by default, opened by the menu button in the page's
// header, closed by choosing a row (any move to another page), Esc, or a tap beside it.
import { createContext, useContext } from 'react';
import { Menu } from 'lucide-react';

export type Drawer = {
  open: boolean;
  setOpen: (open: boolean) => void;
};

/** Given by the shell; absent (no drawer button) outside it. */
export const DrawerContext = createContext<Drawer | null>(null);

export function useDrawer(): Drawer | null {
  return useContext(DrawerContext);
}

/** The id of the element the drawer is (for the button's aria-controls). */
export const DRAWER_ID = 'sidebar-drawer';

/**
 * The menu button that opens the sidebar on a phone (hidden on wider screens, where the sidebar
 * is always there). Each page puts it first in its header.
 */
export function DrawerButton({ className }: { className?: string }) {
  const drawer = useDrawer();
  if (!drawer) return null;
  return (
    <button
      type="button"
      className={['button button-quiet drawer-button', className].filter(Boolean).join(' ')}
      data-testid="drawer-button"
      aria-label="Open the sidebar"
      aria-controls={DRAWER_ID}
      aria-expanded={drawer.open}
      onClick={() => drawer.setOpen(true)}
    >
      <Menu size={20} aria-hidden="true" />
    </button>
  );
}
