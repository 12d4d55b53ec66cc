import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ChannelPage } from '../channels/ChannelPage';
import { ConversationPage } from '../conversations/ConversationPage';
import { FirstConnection } from '../realtime/FirstConnection';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { Shell } from '../shell/Shell';
import { SidebarProvider } from '../sidebar/SidebarProvider';
import { DraftsProvider } from '../drafts/DraftsProvider';
import { UserUpdates } from '../users/UserUpdates';
import { useOwnTheme } from '../profile/theme';
import { WorkspaceProvider } from '../workspace/WorkspaceProvider';
import { SignOutFirstPage } from '../auth/SignOutFirstPage';
import {
  ADMIN_PATH,
  ADMIN_SETTINGS_PATH,
  ADMIN_INVITES_PATH,
  BROWSE_PATH,
  HOME_PATH,
  INVITE_PATH,
  RESET_PASSWORD_PATH,
  SEARCH_PATH,
  THREADS_PATH,
  DRAFTS_PATH,
} from '../core/paths';
import { Later } from './Later';
import { LoadingParley } from './StatusPage';

// The signed-in app: its own chunk (see App.tsx), and within it the pages most visits never open
// load on first use.
const AdminPage = lazy(() => import('../admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const BrowseChannelsPage = lazy(() =>
  import('../channels/BrowseChannelsPage').then((m) => ({ default: m.BrowseChannelsPage })),
);
const ThreadsPage = lazy(() => import('../threads/ThreadsPage').then((m) => ({ default: m.ThreadsPage })));
const SearchPage = lazy(() => import('../search/SearchPage').then((m) => ({ default: m.SearchPage })));
const DraftsPage = lazy(() => import('../drafts/DraftsPage').then((m) => ({ default: m.DraftsPage })));

export function SignedInApp() {
  useOwnTheme();
  return (
    <RealtimeProvider>
      <FirstConnection fallback={<LoadingParley />}>
        <WorkspaceProvider>
          <UserUpdates />
          <SidebarProvider>
            <DraftsProvider>
              <Routes>
                <Route element={<Shell />}>
                  <Route path="/c/:slug" element={<ChannelPage />} />
                  <Route path="/d/:id" element={<ConversationPage />} />
                  <Route
                    path={BROWSE_PATH}
                    element={
                      <Later>
                        <BrowseChannelsPage />
                      </Later>
                    }
                  />
                  <Route
                    path={THREADS_PATH}
                    element={
                      <Later>
                        <ThreadsPage />
                      </Later>
                    }
                  />
                  <Route
                    path={SEARCH_PATH}
                    element={
                      <Later>
                        <SearchPage />
                      </Later>
                    }
                  />
                  <Route
                    path={ADMIN_PATH}
                    element={
                      <Later>
                        <AdminPage tab="people" />
                      </Later>
                    }
                  />
                  <Route
                    path={ADMIN_SETTINGS_PATH}
                    element={
                      <Later>
                        <AdminPage tab="settings" />
                      </Later>
                    }
                  />
                  <Route
                    path={DRAFTS_PATH}
                    element={
                      <Later>
                        <DraftsPage />
                      </Later>
                    }
                  />
                  <Route
                    path={ADMIN_INVITES_PATH}
                    element={
                      <Later>
                        <AdminPage tab="invites" />
                      </Later>
                    }
                  />
                </Route>
                <Route path={INVITE_PATH} element={<SignOutFirstPage what="accept this invite" />} />
                <Route path={RESET_PASSWORD_PATH} element={<SignOutFirstPage what="use this reset link" />} />
                <Route path="*" element={<Navigate to={HOME_PATH} replace />} />
              </Routes>
            </DraftsProvider>
          </SidebarProvider>
        </WorkspaceProvider>
      </FirstConnection>
    </RealtimeProvider>
  );
}
