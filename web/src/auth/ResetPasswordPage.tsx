import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/errors';
import { FORGOT_PASSWORD_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { resetPassword } from './api';
import { passwordProblem } from './passwords';

/** What the sign-in page says after a reset (passed in the history entry's state). */
export const PASSWORD_CHANGED_NOTICE = 'Your password is changed. Sign in with it.';

/**
 * Where a reset link lands (signed out): a new password. On success every session of the account
 * has ended; the link's URL is replaced so the token leaves the history, and the sign-in page
 * says what happened.
 */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const { api } = useServices();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const problem = passwordProblem(password) ?? (password !== again ? 'The two passwords differ.' : null);

  const submit = async () => {
    setTouched(true);
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await resetPassword(api, { token, password });
      void navigate('/', { replace: true, state: { notice: PASSWORD_CHANGED_NOTICE } });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorMessage(err)));
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <div className="signin-card" data-testid="reset-password-page">
        <h1 className="signin-title">Choose a new password</h1>
        {error && (
          <p className="signin-error" role="alert" data-testid="reset-password-error">
            {error.message}
          </p>
        )}
        {error?.status === 410 ? (
          <Link to={FORGOT_PASSWORD_PATH} replace>
            Ask for a new link
          </Link>
        ) : (
          <form
            className="form signin-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label className="field-label">
              New password
              <input
                className="text-input"
                type="password"
                autoComplete="new-password"
                data-testid="reset-password-new"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <label className="field-label">
              The same again
              <input
                className="text-input"
                type="password"
                autoComplete="new-password"
                data-testid="reset-password-again"
                value={again}
                onChange={(e) => setAgain(e.target.value)}
              />
            </label>
            {touched && problem && <p className="field-error">{problem}</p>}
            <button
              type="submit"
              className="button button-primary signin-button"
              data-testid="reset-password-submit"
              disabled={busy}
            >
              {busy ? 'Saving…' : 'Save the new password'}
            </button>
            <p className="muted">Every device signed in to this account will be signed out.</p>
          </form>
        )}
      </div>
    </main>
  );
}
