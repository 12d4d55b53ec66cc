import { useServices } from '../app/services';
import { useRealtimeEvent } from '../realtime/hooks';

/** Keeps the shared user directory current as people change (renamed, deactivated...). */
export function UserUpdates() {
  const { users } = useServices();
  useRealtimeEvent((event) => {
    if (event.type === 'user.updated') users.remember(event.data);
  });
  return null;
}
