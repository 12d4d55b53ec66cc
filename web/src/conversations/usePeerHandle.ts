import { useEffect, useSyncExternalStore } from 'react';
import type { Conversation } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { useServices } from '../core/services';

/** A direct message's other person's handle (what `in:@handle` searches); null for others. */
export function usePeerHandle(conversation: Conversation): string | null {
  const me = useCurrentUser();
  const { users } = useServices();
  useSyncExternalStore(users.subscribe, users.getVersion);
  const peer = conversation.kind === 'direct' ? conversation.participantIDs.find((id) => id !== me.id) : undefined;
  useEffect(() => {
    if (peer) users.want([peer]);
  }, [users, peer]);
  return peer ? (users.get(peer)?.handle ?? null) : null;
}
