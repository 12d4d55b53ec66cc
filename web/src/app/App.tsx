import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { FailureCode } from '../api/errors';
import { SessionProvider, useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { SignOutFirstPage } from '../auth/SignOutFirstPage';
import { ChannelPage } from '../channels/ChannelPage';
import { ConversationPage } from '../conversations/ConversationPage';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { Shell } from '../shell/Shell';
import { SidebarProvider } from '../sidebar/SidebarProvider';
import { DraftsProvider } from '../drafts/DraftsProvider';
import { UserUpdates } from '../users/UserUpdates';
import { useOwnTheme } from '../profile/theme';
import { WorkspaceProvider } from '../workspace/WorkspaceProvider';
import {
  ADMIN_PATH,
  ADMIN_SETTINGS_PATH,
  ADMIN_INVITES_PATH,
  BROWSE_PATH,
  FORGOT_PASSWORD_PATH,
  HOME_PATH,
  INVITE_PATH,
  RESET_PASSWORD_PATH,
  SEARCH_PATH,
  THREADS_PATH,
  DRAFTS_PATH,
} from '../core/paths';
import { ServicesProvider, type Services } from '../core/services';
import { StatusPage } from './StatusPage';

// Pages most visits never open load on first use, outside the main chunk.
const AdminPage = lazy(() => import('../admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const InvitePage = lazy(() => import('../invites/InvitePage').then((m) => ({ default: m.InvitePage })));
const ForgotPasswordPage = lazy(() =>
  import('../auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('../auth/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);
const BrowseChannelsPage = lazy(() =>
  import('../channels/BrowseChannelsPage').then((m) => ({ default: m.BrowseChannelsPage })),
);
const ThreadsPage = lazy(() => import('../threads/ThreadsPage').then((m) => ({ default: m.ThreadsPage })));
const SearchPage = lazy(() => import('../search/SearchPage').then((m) => ({ default: m.SearchPage })));
const DraftsPage = lazy(() => import('../drafts/DraftsPage').then((m) => ({ default: m.DraftsPage })));

/** A lazily loaded page, with a quiet line while its chunk arrives. */
function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted">Loading…</p>}>{children}</Suspense>;
}

export function App({ services }: { services: Services }) {
  return (
    <ServicesProvider services={services}>
      <BrowserRouter>
        <SessionProvider>
          <SessionGate />
        </SessionProvider>
      </BrowserRouter>
    </ServicesProvider>
  );
}

function SessionGate() {
  const { session, retry } = useSession();
  switch (session.status) {
    case 'loading':
      return (
        <StatusPage>
          <p className="muted">Loading Parley…</p>
        </StatusPage>
      );
    case 'unavailable':
      return (
        <StatusPage>
          <p className="error-text">{session.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </StatusPage>
      );
    case 'signedOut':
      return <SignedOutApp expired={session.expired} reason={session.reason ?? null} />;
    case 'signedIn':
      // Keyed by user: signing in as someone else starts from scratch.
      return <SignedInApp key={session.user.id} />;
  }
}

/** Signed out: the pages of emailed links and password help, else the sign-in page. */
function SignedOutApp({ expired, reason }: { expired: boolean; reason: FailureCode | null }) {
  return (
    <Routes>
      <Route
        path={INVITE_PATH}
        element={
          <Later>
            <InvitePage />
          </Later>
        }
      />
      <Route
        path={FORGOT_PASSWORD_PATH}
        element={
          <Later>
            <ForgotPasswordPage />
          </Later>
        }
      />
      <Route
        path={RESET_PASSWORD_PATH}
        element={
          <Later>
            <ResetPasswordPage />
          </Later>
        }
      />
      <Route path="*" element={<SignInPage expired={expired} reason={reason} />} />
    </Routes>
  );
}

function SignedInApp() {
  useOwnTheme();
  return (
    <RealtimeProvider>
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
    </RealtimeProvider>
  );
}
