import { useCallback, useMemo } from 'react';
import type { Conversation } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { useUserNames } from '../users/useUsers';
import { conversationTitle } from './title';

/** Titles for these conversations, with participants' names looked up (and updated as they arrive). */
export function useConversationTitles(conversations: readonly Conversation[]): (conversation: Conversation) => string {
  const me = useCurrentUser();
  const ids = useMemo(() => conversations.flatMap((c) => c.participantIDs), [conversations]);
  const nameOf = useUserNames(ids);
  return useCallback((conversation: Conversation) => conversationTitle(conversation, me.id, nameOf), [me.id, nameOf]);
}
