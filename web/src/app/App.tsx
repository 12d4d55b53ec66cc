import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { FailureCode } from '../api/errors';
import { SessionProvider, useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { FORGOT_PASSWORD_PATH, INVITE_PATH, RESET_PASSWORD_PATH } from '../core/paths';
import { ServicesProvider, type Services } from '../core/services';
import { ChunkBoundary } from '../lazy/ChunkBoundary';
import { loadSignedInApp, rememberSignedIn } from './signedInChunk';
import { Later } from './Later';
import { LoadingParley, StatusPage } from './StatusPage';

// The signed-in app (sidebar, channels, messages, realtime) is its own chunk: the first download
// holds React, the router and the session check, and the signed-in code arrives beside the
// session check instead of before it (see signedInChunk.ts). Signed-out pages never load it.
const SignedInApp = lazy(() => loadSignedInApp().then((m) => ({ default: m.SignedInApp })));
// Pages most visits never open load on first use.
const InvitePage = lazy(() => import('../invites/InvitePage').then((m) => ({ default: m.InvitePage })));
const ForgotPasswordPage = lazy(() =>
  import('../auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('../auth/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })),
);

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
  const { status } = session;
  useEffect(() => {
    if (status === 'signedIn' || status === 'signedOut') rememberSignedIn(status === 'signedIn');
  }, [status]);
  switch (session.status) {
    case 'loading':
      return <LoadingParley />;
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
      return (
        <ChunkBoundary>
          <Suspense fallback={<LoadingParley />}>
            <SignedInApp key={session.user.id} />
          </Suspense>
        </ChunkBoundary>
      );
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

