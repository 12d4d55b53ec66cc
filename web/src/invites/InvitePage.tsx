import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/errors';
import type { InvitePreview } from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { displayNameProblem, passwordProblem } from '../auth/passwords';
import { useSession } from '../auth/session';
import { DISPLAY_NAME_MAX_CHARS } from '../limits';
import { acceptInvite, previewInvite } from './api';

/**
 * Where an invite link lands: says who invited whom to what, and makes the guest account
 * (display name and password). On success the app opens signed in, and the link's URL is
 * replaced so the token leaves the browser's history.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const { api } = useServices();
  const { retry } = useSession();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<InvitePreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    previewInvite(api, token).then(
      (shown) => {
        if (!cancelled) setPreview(shown);
      },
      (err: unknown) => {
        if (!cancelled) setLoadError(errorMessage(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, token]);

  const nameProblem = displayNameProblem(displayName);
  const secretProblem = passwordProblem(password);

  const submit = async () => {
    setTouched(true);
    if (nameProblem || secretProblem || busy) return;
    setBusy(true);
    setError(null);
    try {
      await acceptInvite(api, { token, displayName: displayName.trim(), password });
      // Replaces this history entry (history.replaceState): the token leaves the URL and the
      // back button. Then the session starts from the refresh cookie the server just set.
      void navigate(HOME_PATH, { replace: true });
      retry();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorMessage(err)));
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <main className="signin">
        <div className="signin-card" data-testid="invite-page">
          <h1 className="signin-title">Invite</h1>
          <p className="signin-error" role="alert" data-testid="invite-page-error">
            {loadError}
          </p>
          <Link to="/" replace>
            Go to sign in
          </Link>
        </div>
      </main>
    );
  }
  if (!preview) {
    return (
      <main className="signin">
        <div className="signin-card" data-testid="invite-page">
          <p className="muted">Opening your invite…</p>
        </div>
      </main>
    );
  }

  // Used, expired or taken meanwhile: the form cannot succeed any more.
  const final = error && (error.status === 409 || error.status === 410);
  return (
    <main className="signin">
      <div className="signin-card" data-testid="invite-page">
        <h1 className="signin-title">{preview.workspaceName}</h1>
        <p className="signin-subtitle" data-testid="invite-summary">
          {preview.invitedBy} invited you to join {preview.workspaceName} as a guest, in{' '}
          {preview.channels.map((name) => `#${name}`).join(', ')}.
        </p>
        {error && (
          <p className="signin-error" role="alert" data-testid="invite-accept-error">
            {error.message}
          </p>
        )}
        {final ? (
          <Link to="/" replace>
            Go to sign in
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
              Email
              <input className="text-input" value={preview.email} readOnly data-testid="invite-email-shown" />
            </label>
            <label className="field-label">
              Your name
              <input
                className="text-input"
                data-testid="invite-display-name"
                autoComplete="name"
                maxLength={DISPLAY_NAME_MAX_CHARS + 20}
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            </label>
            {touched && nameProblem && <p className="field-error">{nameProblem}</p>}
            <label className="field-label">
              Choose a password
              <input
                className="text-input"
                type="password"
                data-testid="invite-password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {touched && secretProblem && <p className="field-error">{secretProblem}</p>}
            <button
              type="submit"
              className="button button-primary signin-button"
              data-testid="invite-accept"
              disabled={busy}
            >
              {busy ? 'Joining…' : `Join ${preview.workspaceName}`}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
