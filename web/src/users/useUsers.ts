import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { UserView } from '../api/types.generated';
import { useServices } from '../core/services';

/**
 * A name to show for a user that may still be loading (undefined) or unknown (null). A
 * deactivated account keeps its name, marked, wherever it shows (authors, members, mentions).
 */
export function displayName(user: UserView | null | undefined): string {
  if (user === undefined) return '…';
  if (user === null) return 'Unknown user';
  return user.deactivated ? `${user.displayName} (deactivated)` : user.displayName;
}

/**
 * Looks up the given users (batched and cached) and re-renders as they arrive. Returns a lookup
 * from id to display name.
 */
export function useUserNames(ids: readonly string[]): (id: string) => string {
  const { users } = useServices();
  const version = useSyncExternalStore(users.subscribe, users.getVersion);
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);

  useEffect(() => {
    if (key) users.want(key.split(','));
  }, [users, key]);

  // `version` changes whenever the directory learns a user, so the lookup is fresh after it.
  return useMemo(() => {
    void version;
    return (id: string) => displayName(users.get(id));
  }, [users, version]);
}

/**
 * Display names by handle, for `@handle` mentions: `ids` are the people a message mentions
 * (looked up like any user); handles of people not loaded (or not real) give null.
 */
export function useHandleNames(ids: readonly string[]): (handle: string) => string | null {
  const { users } = useServices();
  useUserNames(ids);
  const version = useSyncExternalStore(users.subscribe, users.getVersion);
  return useMemo(() => {
    void version;
    return (handle: string) => {
      const user = users.byHandle(handle);
      return user ? displayName(user) : null;
    };
  }, [users, version]);
}
