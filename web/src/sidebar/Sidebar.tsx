import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { ADMIN_PATH, BROWSE_PATH, DRAFTS_PATH, THREADS_PATH } from '../core/paths';
import { useCurrentUser } from '../auth/session';
import { CreateChannelDialog } from '../lazy/parts';
import { canBrowseDirectory, canCreateChannel } from '../channels/permissions';
import { NewConversationDialog } from '../lazy/parts';
import { ConnectionBadge } from '../realtime/ConnectionBadge';
import { CurrentUser } from '../shell/CurrentUser';
import { InviteDialog } from '../lazy/parts';
import { canInvite } from '../invites/permissions';
import { CategoryNameForm } from './CategoryHeader';
import { SidebarSectionView } from './SidebarSectionView';
import { useSidebar } from './SidebarProvider';
import { useSections } from './useSections';
import { useSidebarDrag } from './useSidebarDrag';
import { useWorkspace, useWorkspaceName } from '../workspace/WorkspaceProvider';

/** The workspace navigation: actions, the sections of channels and conversations, and the user. */
export function Sidebar() {
  const user = useCurrentUser();
  const { sidebar, loadError, reload, actionError, dismissActionError, applyChanges, createCategory } = useSidebar();
  const [dialog, setDialog] = useState<'channel' | 'conversation' | 'invite' | null>(null);
  const [addingCategory, setAddingCategory] = useState(false);
  const drag = useSidebarDrag();
  const workspaceName = useWorkspaceName();
  const invitePolicy = useWorkspace().settings?.invitePolicy ?? null;

  const sections = useSections();
  const categories = sidebar?.categories ?? [];

  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <span className="workspace-name" data-testid="workspace-name" title={workspaceName}>
          {workspaceName}
        </span>
        <ConnectionBadge />
      </header>
      <div className="sidebar-actions">
        {canCreateChannel(user.role) && (
          <button
            type="button"
            className="button sidebar-action"
            data-testid="create-channel-button"
            onClick={() => setDialog('channel')}
          >
            + Channel
          </button>
        )}
        {canBrowseDirectory(user.role) && (
          <NavLink to={BROWSE_PATH} className="button sidebar-action" data-testid="browse-channels">
            Browse
          </NavLink>
        )}
        <NavLink to={THREADS_PATH} className="button sidebar-action" data-testid="threads-link">
          Threads
        </NavLink>
        <NavLink to={DRAFTS_PATH} className="button sidebar-action" data-testid="drafts-link">
          Drafts
        </NavLink>
        {user.role === 'admin' && (
          <NavLink to={ADMIN_PATH} className="button sidebar-action" data-testid="admin-link">
            Admin
          </NavLink>
        )}
        <button
          type="button"
          className="button sidebar-action"
          data-testid="new-dm-button"
          onClick={() => setDialog('conversation')}
        >
          New message
        </button>
        {canInvite(user.role, invitePolicy) && (
          <button
            type="button"
            className="button sidebar-action"
            data-testid="invite-button"
            onClick={() => setDialog('invite')}
          >
            Invite people
          </button>
        )}
      </div>
      {actionError && (
        <div className="sidebar-error sidebar-alert" role="alert" data-testid="sidebar-error">
          {actionError}
          <button type="button" className="link-button" onClick={dismissActionError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="sidebar-scroll">
        {loadError && (
          <p className="sidebar-error">
            {loadError}{' '}
            <button type="button" className="link-button" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        {!sidebar && !loadError && <p className="sidebar-muted">Loading…</p>}
        {sections?.map((section) => (
          <SidebarSectionView
            key={section.key}
            section={section}
            sections={sections ?? []}
            categories={categories}
            drag={drag}
            onChanges={applyChanges}
          />
        ))}
        {sidebar &&
          (addingCategory ? (
            <CategoryNameForm
              initial=""
              submitLabel="Create"
              onCancel={() => setAddingCategory(false)}
              onSubmit={async (name) => {
                await createCategory(name);
                setAddingCategory(false);
              }}
            />
          ) : (
            <button
              type="button"
              className="link-button sidebar-add-category"
              data-testid="category-create"
              onClick={() => setAddingCategory(true)}
            >
              + New category
            </button>
          ))}
      </div>
      <CurrentUser />
      {dialog === 'channel' && <CreateChannelDialog onClose={() => setDialog(null)} />}
      {dialog === 'invite' && <InviteDialog onClose={() => setDialog(null)} />}
      {dialog === 'conversation' && <NewConversationDialog onClose={() => setDialog(null)} />}
    </nav>
  );
}
