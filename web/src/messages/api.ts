import type { ApiClient } from '../api/client';
import { parentPath, type ParentRef } from '../api/paths';
import type { Membership, Message, MessagePage, SendMessage } from '../api/types.generated';
import { MESSAGE_PAGE_DEFAULT } from '../limits';

/** No cursor: the newest page. `before`: the page just older. `after`: the page just newer. */
export type PageQuery = { before?: string; after?: string; around?: string };

export function fetchMessages(
  api: ApiClient,
  parent: ParentRef,
  query: PageQuery = {},
): Promise<MessagePage> {
  const params = new URLSearchParams({ limit: String(MESSAGE_PAGE_DEFAULT) });
  if (query.before) params.set('before', query.before);
  if (query.after) params.set('after', query.after);
  if (query.around) params.set('around', query.around);
  return api.get<MessagePage>(`${parentPath(parent)}/messages?${params}`);
}

/** The path of one message, with `?thread=` for a reply. */
function messagePath(parent: ParentRef, message: Message, suffix = ''): string {
  const thread = message.threadRootID ? `?thread=${encodeURIComponent(message.threadRootID)}` : '';
  return `${parentPath(parent)}/messages/${encodeURIComponent(message.id)}${suffix}${thread}`;
}

export function editMessage(api: ApiClient, parent: ParentRef, message: Message, body: string): Promise<Message> {
  return api.patch<Message>(messagePath(parent, message), { body });
}

export function deleteMessage(api: ApiClient, parent: ParentRef, message: Message): Promise<void> {
  return api.delete(messagePath(parent, message));
}

export function setPinned(api: ApiClient, parent: ParentRef, message: Message, pinned: boolean): Promise<Message> {
  return api.put<Message>(messagePath(parent, message, '/pin'), { pinned });
}

/** Adds (`on`) or takes away the caller's reaction; the change also arrives as an event. */
export function setReaction(
  api: ApiClient,
  parent: ParentRef,
  message: Message,
  emoji: string,
  on: boolean,
): Promise<Message | undefined> {
  const path = messagePath(parent, message, `/reactions/${encodeURIComponent(emoji)}`);
  return on ? api.put<Message>(path) : api.delete<Message>(path);
}

/** Moves the caller's read point back to just before this (top-level) message. */
export function markUnread(api: ApiClient, parent: ParentRef, messageId: string): Promise<Membership> {
  return api.post<Membership>(`${parentPath(parent)}/messages/${encodeURIComponent(messageId)}/unread`);
}

/** Pinned messages, newest pin first. */
export function fetchPins(api: ApiClient, parent: ParentRef): Promise<Message[]> {
  return api.get<Message[]>(`${parentPath(parent)}/pins`);
}

export function sendMessage(api: ApiClient, parent: ParentRef, body: SendMessage): Promise<Message> {
  return api.post<Message>(`${parentPath(parent)}/messages`, body);
}
