import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { searchUsers, searchUsersFilled } from './api';

/** Wait this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 200;

export type UserSearch = { users: UserView[]; loading: boolean; error: string | null };

/** The roster matching `q` (names and emails), searched as the user types. */
export function useUserSearch(q: string, enabled = true): UserSearch {
  const { api, users: directory } = useServices();
  const [result, setResult] = useState<{ q: string; users: UserView[]; error: string | null } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchUsersFilled((cursor) => searchUsers(api, q, cursor)).then(
        (users) => {
          if (cancelled) return;
          for (const user of users) directory.remember(user);
          setResult({ q, users, error: null });
        },
        (err: unknown) => {
          if (!cancelled) setResult({ q, users: [], error: errorMessage(err) });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, directory, q, enabled]);

  return {
    users: result?.users ?? [],
    loading: result?.q !== q,
    error: result?.error ?? null,
  };
}
