import type { ParentType, Sidebar } from '../api/types.generated';
import { channelUrl, conversationUrl } from '../core/paths';

/** Where a result was said: what to call the place ("#general", "Ann and Bob") and its page. */
export type Place = { label: string; href: string };

export function placeOf(
  parentType: ParentType,
  parentID: string,
  sidebar: Sidebar | null,
  conversationTitle: (id: string) => string | null,
): Place {
  if (parentType === 'channel') {
    const channel = sidebar?.channels.find((c) => c.channel.id === parentID)?.channel;
    // Not in the sidebar (left since): the channel's page finds it by id.
    return { label: channel ? `#${channel.name}` : 'a channel', href: channelUrl(channel?.slug ?? parentID) };
  }
  return { label: conversationTitle(parentID) ?? 'a conversation', href: conversationUrl(parentID) };
}
