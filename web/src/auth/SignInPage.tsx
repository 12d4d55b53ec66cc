import { useLocation, useSearchParams } from 'react-router-dom';
import type { FailureCode } from '../api/errors';
import { apiPath } from '../api/routes';
import { authErrorMessage } from './authErrors';
import { PasswordSignInForm } from './PasswordSignInForm';

export const LOGIN_PATH = apiPath('GET /auth/oidc/login');

/** Session refusals worth explaining on their own; any other just means "sign in again". */
const EXPLAINED_REFUSALS = new Set<FailureCode>(['account_deactivated']);

export function SignInPage({ expired, reason = null }: { expired: boolean; reason?: FailureCode | null }) {
  const [params] = useSearchParams();
  const location = useLocation();
  const authError = params.get('authError');
  // Set by a page that brought the person here (a password reset), in the history entry's state.
  const info = (location.state as { notice?: unknown } | null)?.notice;
  const notice = authError
    ? authErrorMessage(authError)
    : reason && EXPLAINED_REFUSALS.has(reason)
      ? authErrorMessage(reason)
      : expired
        ? 'Your session has ended. Please sign in again.'
        : null;

  return (
    <main className="signin">
      <div className="signin-card">
        <h1 className="signin-title">Parley</h1>
        <p className="signin-subtitle">Sign in to your workspace to continue.</p>
        {notice && (
          <p className="signin-error" role="alert" data-testid="signin-error">
            {notice}
          </p>
        )}
        {typeof info === 'string' && (
          <p className="signin-notice" role="status" data-testid="signin-notice">
            {info}
          </p>
        )}
        <button
          type="button"
          className="button button-primary signin-button"
          data-testid="signin-button"
          onClick={() => {
            window.location.href = LOGIN_PATH;
          }}
        >
          Sign in with SSO
        </button>
        <PasswordSignInForm />
      </div>
    </main>
  );
}
