import type { ServerEvent } from '../api/types.generated';

/**
 * The unread set after a server event: a new message in a channel other than the open one, by
 * someone else, marks that channel unread. Returns the same set when nothing changes.
 */
export function unreadAfterEvent(
  unread: ReadonlySet<string>,
  event: ServerEvent,
  openChannelId: string | null,
  myUserId: string,
): ReadonlySet<string> {
  if (event.type !== 'message.new') return unread;
  const message = event.data;
  if (message.parentType !== 'channel') return unread;
  if (message.parentID === openChannelId || message.authorID === myUserId) return unread;
  if (unread.has(message.parentID)) return unread;
  return new Set(unread).add(message.parentID);
}

/** The unread set once `channelId` has been opened. */
export function markRead(unread: ReadonlySet<string>, channelId: string): ReadonlySet<string> {
  if (!unread.has(channelId)) return unread;
  const next = new Set(unread);
  next.delete(channelId);
  return next;
}
