import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { Compass, MessagesSquare, NotebookPen, ShieldCheck } from 'lucide-react';
import { useCurrentUser } from '../auth/session';
import { canBrowseDirectory } from '../channels/permissions';
import { ADMIN_PATH, BROWSE_PATH, DRAFTS_PATH, THREADS_PATH } from '../core/paths';

/** The rows at the top of the sidebar's list: the pages that are not a channel or a conversation. */
export function SidebarNav() {
  const user = useCurrentUser();
  return (
    <ul className="channel-list sidebar-nav" aria-label="Views">
      <NavRow to={THREADS_PATH} testId="threads-link" icon={<MessagesSquare size={16} />}>
        Threads
      </NavRow>
      <NavRow to={DRAFTS_PATH} testId="drafts-link" icon={<NotebookPen size={16} />}>
        Drafts
      </NavRow>
      {canBrowseDirectory(user.role) && (
        <NavRow to={BROWSE_PATH} testId="browse-channels" icon={<Compass size={16} />}>
          Browse channels
        </NavRow>
      )}
      {user.role === 'admin' && (
        <NavRow to={ADMIN_PATH} testId="admin-link" icon={<ShieldCheck size={16} />}>
          Admin
        </NavRow>
      )}
    </ul>
  );
}

function NavRow({ to, testId, icon, children }: { to: string; testId: string; icon: ReactNode; children: ReactNode }) {
  return (
    <li className="sidebar-row">
      <NavLink
        to={to}
        data-testid={testId}
        className={({ isActive }) => (isActive ? 'channel-link nav-link is-active' : 'channel-link nav-link')}
      >
        <span className="row-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="row-title">{children}</span>
      </NavLink>
    </li>
  );
}
