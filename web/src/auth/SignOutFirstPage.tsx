import { Link } from 'react-router-dom';
import { HOME_PATH } from '../core/paths';
import { useSession } from './session';

/**
 * An emailed link (an invite, a password reset) opened while signed in: it is for whoever signs
 * out first, so the page says so. Signing out shows the link's page at the same address.
 */
export function SignOutFirstPage({ what }: { what: string }) {
  const { session, signOut } = useSession();
  const who = session.status === 'signedIn' ? session.user.email : 'someone';
  return (
    <main className="signin">
      <div className="signin-card" data-testid="sign-out-first">
        <h1 className="signin-title">You are signed in</h1>
        <p className="signin-subtitle">
          You are signed in as {who}. To {what}, sign out first.
        </p>
        <div className="form-buttons">
          <Link className="button" to={HOME_PATH} replace>
            Back to the app
          </Link>
          <button type="button" className="button button-primary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </main>
  );
}
