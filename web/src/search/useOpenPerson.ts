import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import type { UserView } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { openConversation } from '../conversations/api';
import { conversationUrl } from '../core/paths';
import { useServices } from '../core/services';
import { useSidebar } from '../sidebar/SidebarProvider';

/**
 * Opens the direct message with a person (notes to self for oneself), new or existing, as "New
 * message" does. Rejects with an `ApiError` fit to show.
 */
export function useOpenPerson(): (user: Pick<UserView, 'id'>) => Promise<void> {
  const { api } = useServices();
  const me = useCurrentUser();
  const { addConversation } = useSidebar();
  const navigate = useNavigate();
  return useCallback(
    async (user) => {
      const opened = await openConversation(api, user.id === me.id ? [] : [user.id]);
      addConversation(opened);
      await navigate(conversationUrl(opened.conversation.id));
    },
    [api, me.id, addConversation, navigate],
  );
}
