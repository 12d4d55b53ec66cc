import { useServices } from '../core/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';

/**
 * Keeps the shared user directory current as people change (renamed, deactivated...), and asks
 * again about everyone after a reconnect or a lost event.
 */
export function UserUpdates() {
  const { users } = useServices();
  useRealtimeEvent((event) => {
    if (event.type === 'user.updated') users.remember(event.data);
  });
  useRealtimeOpen(() => users.refreshKnown());
  return null;
}
