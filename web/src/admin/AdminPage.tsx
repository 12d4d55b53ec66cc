import { useEffect } from 'react';
import { Navigate, NavLink } from 'react-router-dom';
import { ADMIN_INVITES_PATH, ADMIN_PATH, ADMIN_SETTINGS_PATH, HOME_PATH } from '../core/paths';
import { useCurrentUser } from '../auth/session';
import { InvitesTab } from './InvitesTab';
import { PeopleTab } from './PeopleTab';
import { SettingsTab } from './SettingsTab';
import { DrawerButton } from '../shell/drawer';

export type AdminTab = 'people' | 'invites' | 'settings';

/** `/admin`: the people of the workspace, pending invites and its settings. System admins only. */
export function AdminPage({ tab }: { tab: AdminTab }) {
  const user = useCurrentUser();

  useEffect(() => {
    document.title = 'Admin · Parley';
  }, []);

  // A demoted admin's page goes away as soon as the refreshed session says so.
  if (user.role !== 'admin') return <Navigate to={HOME_PATH} replace />;
  return (
    <section className="admin" aria-label="Admin">
      <header className="channel-header">
        <DrawerButton />
        <h1 className="channel-title">Admin</h1>
        <nav className="admin-tabs" aria-label="Admin sections">
          <NavLink to={ADMIN_PATH} end className="admin-tab" data-testid="admin-tab-people">
            People
          </NavLink>
          <NavLink to={ADMIN_INVITES_PATH} className="admin-tab" data-testid="admin-tab-invites">
            Invites
          </NavLink>
          <NavLink to={ADMIN_SETTINGS_PATH} className="admin-tab" data-testid="admin-tab-settings">
            Settings
          </NavLink>
        </nav>
      </header>
      <div className="admin-body">
        {tab === 'people' ? <PeopleTab /> : tab === 'invites' ? <InvitesTab /> : <SettingsTab />}
      </div>
    </section>
  );
}
