import type { ApiClient } from '../api/client';
import { parentPath, type ParentRef } from '../api/paths';
import type { Message, MessagePage, SendMessage } from '../api/types.generated';
import { MESSAGE_PAGE_SIZE } from '../limits';

/** No cursor: the newest page. `before`: the page just older. `after`: the page just newer. */
export type PageQuery = { before?: string; after?: string };

export function fetchMessages(
  api: ApiClient,
  parent: ParentRef,
  query: PageQuery = {},
): Promise<MessagePage> {
  const params = new URLSearchParams({ limit: String(MESSAGE_PAGE_SIZE) });
  if (query.before) params.set('before', query.before);
  if (query.after) params.set('after', query.after);
  return api.get<MessagePage>(`${parentPath(parent)}/messages?${params}`);
}

/** Adds (`on`) or takes away the caller's reaction; the change also arrives as an event. */
export function setReaction(
  api: ApiClient,
  parent: ParentRef,
  message: Message,
  emoji: string,
  on: boolean,
): Promise<unknown> {
  const thread = message.threadRootID ? `?thread=${encodeURIComponent(message.threadRootID)}` : '';
  const path = `${parentPath(parent)}/messages/${encodeURIComponent(message.id)}/reactions/${encodeURIComponent(emoji)}${thread}`;
  return on ? api.put<Message>(path) : api.delete(path);
}

export function sendMessage(api: ApiClient, parent: ParentRef, body: SendMessage): Promise<Message> {
  return api.post<Message>(`${parentPath(parent)}/messages`, body);
}
