import { channelUrl, conversationUrl } from '../core/paths';
import type { Notification, Sidebar } from '../api/types.generated';
import { messageHref } from '../messages/links';

/** Where a notification leads, and what to call that place ("#general", or the conversation's title). */
export function notificationTarget(
  notification: Notification,
  sidebar: Sidebar | null,
  conversationTitle: (id: string) => string | null,
): { where: string; href: string } {
  const { parentID, parentType, messageID, threadRootID } = notification;
  if (parentType === 'channel') {
    const channel = sidebar?.channels.find((c) => c.channel.id === parentID)?.channel;
    return {
      where: channel ? `#${channel.name}` : 'a channel',
      href: messageHref(channelUrl(channel?.slug ?? parentID), messageID, threadRootID),
    };
  }
  return {
    where: conversationTitle(parentID) ?? 'a conversation',
    href: messageHref(conversationUrl(parentID), messageID, threadRootID),
  };
}
