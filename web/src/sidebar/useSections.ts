import { useMemo } from 'react';
import { useCurrentUser } from '../auth/session';
import { useConversationTitles } from '../conversations/useConversationTitle';
import { buildSections, type SidebarSection } from './sections';
import { useSidebar } from './SidebarProvider';

/** The sidebar's sections as shown (null while it loads), for the sidebar and its shortcuts. */
export function useSections(): SidebarSection[] | null {
  const user = useCurrentUser();
  const { sidebar, openParent } = useSidebar();
  const conversations = useMemo(() => sidebar?.conversations.map((c) => c.conversation) ?? [], [sidebar]);
  const conversationTitle = useConversationTitles(conversations);
  return useMemo(
    () => (sidebar ? buildSections(sidebar, { openParentID: openParent?.id ?? null, conversationTitle, me: user.id }) : null),
    [sidebar, openParent, conversationTitle, user.id],
  );
}
