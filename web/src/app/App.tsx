import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { FailureCode } from '../api/errors';
import { SessionProvider, useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { ForgotPasswordPage } from '../auth/ForgotPasswordPage';
import { ResetPasswordPage } from '../auth/ResetPasswordPage';
import { SignOutFirstPage } from '../auth/SignOutFirstPage';
import { InvitePage } from '../invites/InvitePage';
import { BrowseChannelsPage } from '../channels/BrowseChannelsPage';
import { ChannelPage } from '../channels/ChannelPage';
import { ConversationPage } from '../conversations/ConversationPage';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { Shell } from '../shell/Shell';
import { SidebarProvider } from '../sidebar/SidebarProvider';
import { DraftsProvider } from '../drafts/DraftsProvider';
import { ThreadsPage } from '../threads/ThreadsPage';
import { DraftsPage } from '../drafts/DraftsPage';
import { AdminPage } from '../admin/AdminPage';
import { SearchPage } from '../search/SearchPage';
import { UserUpdates } from '../users/UserUpdates';
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
      <Route path={INVITE_PATH} element={<InvitePage />} />
      <Route path={FORGOT_PASSWORD_PATH} element={<ForgotPasswordPage />} />
      <Route path={RESET_PASSWORD_PATH} element={<ResetPasswordPage />} />
      <Route path="*" element={<SignInPage expired={expired} reason={reason} />} />
    </Routes>
  );
}

function SignedInApp() {
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
                <Route path={BROWSE_PATH} element={<BrowseChannelsPage />} />
                <Route path={THREADS_PATH} element={<ThreadsPage />} />
                <Route path={DRAFTS_PATH} element={<DraftsPage />} />
                <Route path={SEARCH_PATH} element={<SearchPage />} />
                <Route path={ADMIN_PATH} element={<AdminPage tab="people" />} />
                <Route path={ADMIN_SETTINGS_PATH} element={<AdminPage tab="settings" />} />
                <Route path={ADMIN_INVITES_PATH} element={<AdminPage tab="invites" />} />
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
