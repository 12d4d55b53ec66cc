import { useCallback, useMemo } from 'react';
import type { ParentType } from '../api/types.generated';
import { useConversationTitles } from '../conversations/useConversationTitle';
import { useSidebar } from '../sidebar/SidebarProvider';
import { placeOf, type Place } from './place';

/** Names and pages of the channels and conversations results come from, from the sidebar. */
export function usePlaces(): (parentType: ParentType, parentID: string) => Place {
  const { sidebar } = useSidebar();
  const conversations = useMemo(() => sidebar?.conversations.map((c) => c.conversation) ?? [], [sidebar]);
  const titleOf = useConversationTitles(conversations);
  return useCallback(
    (parentType: ParentType, parentID: string) => {
      const conversation = conversations.find((c) => c.id === parentID);
      return placeOf(parentType, parentID, sidebar, () => (conversation ? titleOf(conversation) : null));
    },
    [sidebar, conversations, titleOf],
  );
}
