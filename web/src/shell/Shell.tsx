import { Outlet } from 'react-router-dom';
import { PresenceProvider } from '../presence/PresenceProvider';
import { Sidebar } from '../sidebar/Sidebar';

/** The signed-in layout: the sidebar, and the open page beside it. */
export function Shell() {
  return (
    <PresenceProvider>
      <div className="shell">
        <Sidebar />
        <main className="main">
          <Outlet />
        </main>
      </div>
    </PresenceProvider>
  );
}
