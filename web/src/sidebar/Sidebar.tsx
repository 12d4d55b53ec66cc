import { useState } from 'react';
import { ConnectionBadge } from '../realtime/ConnectionBadge';
import { CurrentUser } from '../shell/CurrentUser';
import { AddMenu } from './AddMenu';
import { CategoryNameForm } from './CategoryHeader';
import { SidebarNav } from './SidebarNav';
import { SidebarSectionView } from './SidebarSectionView';
import { useSidebar } from './SidebarProvider';
import { useSections } from './useSections';
import { useSidebarDrag } from './useSidebarDrag';
import { useWorkspaceName } from '../workspace/WorkspaceProvider';

/**
 * The workspace navigation: its name and "+" menu, the views (threads, drafts, browse), the
 * sections of channels and conversations, and the user.
 */
export function Sidebar() {
  const { sidebar, loadError, reload, actionError, dismissActionError, applyChanges, createCategory } = useSidebar();
  const [addingCategory, setAddingCategory] = useState(false);
  const drag = useSidebarDrag();
  const workspaceName = useWorkspaceName();

  const sections = useSections();
  const categories = sidebar?.categories ?? [];

  return (
    <nav className="sidebar" aria-label="Workspace">
      <header className="sidebar-header">
        <span className="workspace-name" data-testid="workspace-name" title={workspaceName}>
          {workspaceName}
        </span>
        <AddMenu />
        <ConnectionBadge />
      </header>
      {actionError && (
        <div className="sidebar-error sidebar-alert" role="alert" data-testid="sidebar-error">
          {actionError}
          <button type="button" className="link-button" onClick={dismissActionError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="sidebar-scroll">
        <SidebarNav />
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
    </nav>
  );
}
