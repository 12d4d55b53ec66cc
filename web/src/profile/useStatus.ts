import { useEffect, useReducer, useSyncExternalStore } from 'react';
import type { CustomStatus, UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { isStatusCurrent, msUntilCleared } from './status';

/** setTimeout's longest delay; a later clearing time is reached in steps. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/** What the app knows of a person (loaded on demand), kept current by `user.updated`. */
export function useUserView(userId: string): UserView | null | undefined {
  const { users } = useServices();
  useSyncExternalStore(users.subscribe, users.getVersion);
  useEffect(() => users.want([userId]), [users, userId]);
  return users.get(userId);
}

/**
 * The status while it shows: null once its clearing time has passed. A timer re-renders at that
 * moment, so it goes away on screen as it does on the server (which keeps it, and hides it too).
 */
export function useCurrentStatus(status: CustomStatus | null | undefined): CustomStatus | null {
  const [tick, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!status) return;
    const wait = msUntilCleared(status, Date.now());
    if (wait === null || wait === 0) return;
    const timer = setTimeout(rerender, Math.min(wait, LONGEST_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [status, tick]);
  return isStatusCurrent(status, Date.now()) ? status : null;
}
