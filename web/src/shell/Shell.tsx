import { Outlet } from 'react-router-dom';
import { NotificationsProvider } from '../notifications/NotificationsProvider';
import { PermissionBanner } from '../notifications/PermissionBanner';
import { PresenceProvider } from '../presence/PresenceProvider';
import { SearchBox } from '../search/SearchBox';
import { SearchProvider } from '../search/SearchContext';
import { Sidebar } from '../sidebar/Sidebar';
import { useTabBadge } from './useTabBadge';

/** The signed-in layout: the search bar across the top, the sidebar, and the open page beside it. */
export function Shell() {
  useTabBadge();
  return (
    <PresenceProvider>
      <NotificationsProvider>
        <SearchProvider>
          <div className="shell">
            <header className="topbar">
              <SearchBox />
            </header>
            <Sidebar />
            <main className="main">
              <PermissionBanner />
              <Outlet />
            </main>
          </div>
        </SearchProvider>
      </NotificationsProvider>
    </PresenceProvider>
  );
}
