import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { useServices } from '../core/services';
import { emailProblem } from '../invites/invitable';
import { forgotPassword } from './api';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { api } = useServices();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = emailProblem(email);

  const submit = async () => {
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await forgotPassword(api, { email: email.trim() });
      setSentTo(email.trim());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <div className="signin-card" data-testid="forgot-password-page">
        <h1 className="signin-title">Forgot password</h1>
        {sentTo ? (
          <p className="signin-subtitle" role="status" data-testid="forgot-password-sent">
            If {sentTo} belongs to a guest account, a link to choose a new password is on its way. It works once,
            for an hour.
          </p>
        ) : (
          <form
            className="form signin-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p className="muted">
              For guests who sign in with a password. Everyone else signs in with SSO and changes their password
              there.
            </p>
            <label className="field-label">
              Email
              <input
                className="text-input"
                type="email"
                autoComplete="username"
                data-testid="forgot-password-email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <button
              type="submit"
              className="button button-primary signin-button"
              data-testid="forgot-password-submit"
              disabled={busy || problem !== null}
            >
              {busy ? 'Sending…' : 'Send me a link'}
            </button>
          </form>
        )}
        <p>
          <Link to="/" replace>
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
