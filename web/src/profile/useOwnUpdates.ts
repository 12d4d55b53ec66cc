import { useCurrentUser, useSession } from '../auth/session';
import { useRealtimeEvent } from '../realtime/hooks';

/**
 * Keeps the signed-in account current when it changes elsewhere (the profile dialog or a new
 * picture on another device, a new name from the sign-in provider): `user.updated` about
 * oneself carries it.
 */
export function useOwnUpdates(): void {
  const me = useCurrentUser();
  const { replaceUser } = useSession();
  useRealtimeEvent((event) => {
    if (event.type !== 'user.updated' || event.data.id !== me.id) return;
    const { displayName, status, timeZone, avatar } = event.data;
    const next = { ...me, displayName, customStatus: status, timeZone, avatar };
    if (JSON.stringify(next) !== JSON.stringify(me)) replaceUser(next);
  });
}
