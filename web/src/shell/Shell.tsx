import { Outlet } from 'react-router-dom';
import { NotificationsProvider } from '../notifications/NotificationsProvider';
import { PermissionBanner } from '../notifications/PermissionBanner';
import { PresenceProvider } from '../presence/PresenceProvider';
import { Sidebar } from '../sidebar/Sidebar';

/** The signed-in layout: the sidebar, and the open page beside it. */
export function Shell() {
  return (
    <PresenceProvider>
      <NotificationsProvider>
        <div className="shell">
          <Sidebar />
          <main className="main">
            <PermissionBanner />
            <Outlet />
          </main>
        </div>
      </NotificationsProvider>
    </PresenceProvider>
  );
}
