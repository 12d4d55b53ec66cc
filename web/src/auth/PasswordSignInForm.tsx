import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { FORGOT_PASSWORD_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { passwordLogin } from './api';
import { useSession } from './session';

/** Guests (who came by invite) sign in with their email and password. */
export function PasswordSignInForm() {
  const { api } = useServices();
  const { retry } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (busy || !email.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await passwordLogin(api, { email: email.trim(), password });
      // The server set the refresh cookie: the session starts from it.
      retry();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form
      className="form signin-form"
      aria-label="Sign in with a password"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="signin-divider">Guests: sign in with the email you were invited at</p>
      <label className="field-label">
        Email
        <input
          className="text-input"
          type="email"
          autoComplete="username"
          data-testid="password-signin-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field-label">
        Password
        <input
          className="text-input"
          type="password"
          autoComplete="current-password"
          data-testid="password-signin-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="field-error" role="alert" data-testid="password-signin-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button signin-button"
        data-testid="password-signin-submit"
        disabled={busy || !email.trim() || !password}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <Link to={FORGOT_PASSWORD_PATH} data-testid="forgot-password-link">
        Forgot password?
      </Link>
    </form>
  );
}
