import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../api/types.generated';
import { errorMessage, type FailureCode } from '../api/errors';
import { useServices } from '../core/services';
import { toUserView } from '../users/view';

export type Session =
  | { status: 'loading' }
  /** `reason`: the server's code when it refused the session (e.g. `account_deactivated`). */
  | { status: 'signedOut'; expired: boolean; reason?: FailureCode | null }
  | { status: 'signedIn'; user: User }
  /** The server could not say whether we are signed in (down, offline). */
  | { status: 'unavailable'; message: string };

type SessionContextValue = {
  session: Session;
  signOut: () => Promise<void>;
  /** Ends every session of this account, on every device; throws when the server refused. */
  signOutEverywhere: () => Promise<void>;
  retry: () => void;
  /** Takes the account as the server answered a change to it (a profile or status change). */
  replaceUser: (user: User) => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Knows whether someone is signed in. At start it trades the refresh cookie for an access token;
 * afterwards the API client reports a session that can no longer be refreshed.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { api, users } = useServices();
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.refresh().then(
      (token) => {
        if (cancelled) return;
        if (token) {
          users.remember(toUserView(token.user));
          setSession({ status: 'signedIn', user: token.user });
        } else {
          setSession({ status: 'signedOut', expired: false, reason: api.lastRefusal });
        }
      },
      (err: unknown) => {
        if (!cancelled) setSession({ status: 'unavailable', message: errorMessage(err) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, users, attempt]);

  useEffect(
    () => api.onSessionExpired((reason) => setSession({ status: 'signedOut', expired: true, reason })),
    [api],
  );

  // A refresh says who the account is now: an admin may have changed its role since sign-in.
  useEffect(
    () =>
      api.onRefreshed((token) => {
        users.remember(toUserView(token.user));
        setSession((current) =>
          current.status === 'signedIn' && current.user.id === token.user.id && !sameUser(current.user, token.user)
            ? { status: 'signedIn', user: token.user }
            : current,
        );
      }),
    [api, users],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signing out locally still matters: the token is gone from memory either way.
      api.clearSession();
    }
    setSession({ status: 'signedOut', expired: false });
  }, [api]);

  const signOutEverywhere = useCallback(async () => {
    await api.logoutEverywhere();
    setSession({ status: 'signedOut', expired: false });
  }, [api]);

  const retry = useCallback(() => {
    setSession({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const replaceUser = useCallback(
    (user: User) => {
      users.remember(toUserView(user));
      setSession((current) =>
        current.status === 'signedIn' && current.user.id === user.id ? { status: 'signedIn', user } : current,
      );
    },
    [users],
  );

  const value = useMemo(
    () => ({ session, signOut, signOutEverywhere, retry, replaceUser }),
    [session, signOut, signOutEverywhere, retry, replaceUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function sameUser(a: User, b: User): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered while signed in. */
export function useCurrentUser(): User {
  const { session } = useSession();
  if (session.status !== 'signedIn') throw new Error('useCurrentUser while signed out');
  return session.user;
}
