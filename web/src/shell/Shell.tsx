import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { NotificationsProvider } from '../notifications/NotificationsProvider';
import { PermissionBanner } from '../notifications/PermissionBanner';
import { PresenceProvider } from '../presence/PresenceProvider';
import { SearchBox } from '../search/SearchBox';
import { SearchProvider } from '../search/SearchContext';
import { Shortcuts } from '../shortcuts/Shortcuts';
import { Sidebar } from '../sidebar/Sidebar';
import { isTopLayer, useFocusTrap } from '../ui/focusTrap';
import { DRAWER_ID, DrawerButton, DrawerContext, type Drawer } from './drawer';
import { useNarrow } from './useMediaQuery';
import { useTabBadge } from './useTabBadge';

/**
 * The signed-in layout: the search bar across the top, the sidebar, and the open page beside it.
 * On a phone the sidebar is a drawer over the page (see drawer.tsx), and the page takes the screen.
 */
export function Shell() {
  useTabBadge();
  const { pathname } = useLocation();
  const narrow = useNarrow();
  // Open for the page it was opened on: choosing a row (another page) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = narrow && openOn === pathname;
  const setOpen = useCallback((next: boolean) => setOpenOn(next ? pathname : null), [pathname]);
  const drawer = useMemo((): Drawer => ({ open, setOpen }), [open, setOpen]);
  const side = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLElement>(null);

  useFocusTrap(side, {
    active: open,
    initialFocus: () => side.current?.querySelector<HTMLElement>('a.is-active') ?? null,
    fallbackFocus: () => main.current,
  });

  // From the commit that opens it (ui/focusTrap.ts says why a layout effect).
  useLayoutEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      // A dialog or a menu open in the drawer closes first.
      if (e.key !== 'Escape' || !isTopLayer(side.current) || side.current?.querySelector('[role="menu"]')) return;
      setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  return (
    <PresenceProvider>
      <NotificationsProvider>
        <SearchProvider>
          <DrawerContext.Provider value={drawer}>
            <div className={open ? 'shell is-drawer-open' : 'shell'}>
              <header className="topbar" inert={open}>
                <SearchBox />
              </header>
              <div className="shell-side" id={DRAWER_ID} ref={side} data-testid="sidebar-drawer" data-open={open}>
                <Sidebar />
              </div>
              {open && <div className="drawer-backdrop" data-testid="drawer-backdrop" onClick={() => setOpen(false)} />}
              <main className="main" ref={main} tabIndex={-1} inert={open}>
                {/* For pages without a header of their own (loading, not found). */}
                <DrawerButton className="drawer-button-spare" />
                <PermissionBanner />
                <Outlet />
              </main>
              <Shortcuts onOpen={() => setOpen(false)} />
            </div>
          </DrawerContext.Provider>
        </SearchProvider>
      </NotificationsProvider>
    </PresenceProvider>
  );
}
