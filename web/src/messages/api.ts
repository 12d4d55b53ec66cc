import type { ApiClient } from '../api/client';
import { apiPath, type ParentRef } from '../api/routes';
import type { Membership, Message, MessageHistory, MessagePage, SendMessage } from '../api/types.generated';
import { MESSAGE_PAGE_DEFAULT } from '../limits';

/**
 * No cursor: the newest page. `before`: the page just older. `after`: the page just newer.
 * `limit`: how many (the server's default when absent).
 */
export type PageQuery = { before?: string; after?: string; around?: string; limit?: number };

export function fetchMessages(
  api: ApiClient,
  parent: ParentRef,
  query: PageQuery = {},
): Promise<MessagePage> {
  const params = new URLSearchParams({ limit: String(query.limit ?? MESSAGE_PAGE_DEFAULT) });
  if (query.before) params.set('before', query.before);
  if (query.after) params.set('after', query.after);
  if (query.around) params.set('around', query.around);
  return api.get<MessagePage>(`${apiPath('GET {parent}/messages', { parent })}?${params}`);
}

/** A reply is found by its root too: `?thread=` after the message's path. */
function inThread(path: string, message: Message): string {
  return message.threadRootID ? `${path}?thread=${encodeURIComponent(message.threadRootID)}` : path;
}

export function editMessage(api: ApiClient, parent: ParentRef, message: Message, body: string): Promise<Message> {
  const path = apiPath('PATCH {parent}/messages/{messageId}', { parent, messageId: message.id });
  return api.patch<Message>(inThread(path, message), { body });
}

export function deleteMessage(api: ApiClient, parent: ParentRef, message: Message): Promise<void> {
  const path = apiPath('DELETE {parent}/messages/{messageId}', { parent, messageId: message.id });
  return api.delete(inThread(path, message));
}

export function setPinned(api: ApiClient, parent: ParentRef, message: Message, pinned: boolean): Promise<Message> {
  const path = apiPath('PUT {parent}/messages/{messageId}/pin', { parent, messageId: message.id });
  return api.put<Message>(inThread(path, message), { pinned });
}

/** Adds (`on`) or takes away the caller's reaction; the change also arrives as an event. */
export function setReaction(
  api: ApiClient,
  parent: ParentRef,
  message: Message,
  emoji: string,
  on: boolean,
): Promise<Message | undefined> {
  const params = { parent, messageId: message.id, emoji };
  return on
    ? api.put<Message>(inThread(apiPath('PUT {parent}/messages/{messageId}/reactions/{emoji}', params), message))
    : api.delete<Message>(
        inThread(apiPath('DELETE {parent}/messages/{messageId}/reactions/{emoji}', params), message),
      );
}

/** Moves the caller's read point back to just before this (top-level) message. */
export function markUnread(api: ApiClient, parent: ParentRef, messageId: string): Promise<Membership> {
  return api.post<Membership>(apiPath('POST {parent}/messages/{messageId}/unread', { parent, messageId }));
}

/** Pinned messages, newest pin first. */
export function fetchPins(api: ApiClient, parent: ParentRef): Promise<Message[]> {
  return api.get<Message[]>(apiPath('GET {parent}/pins', { parent }));
}

export function sendMessage(api: ApiClient, parent: ParentRef, body: SendMessage): Promise<Message> {
  return api.post<Message>(apiPath('POST {parent}/messages', { parent }), body);
}

/** The bodies a message (a reply when `threadRootID` is given) had before its edits, newest first. */
export function fetchEditHistory(
  api: ApiClient,
  parent: ParentRef,
  messageId: string,
  threadRootID: string | null,
): Promise<MessageHistory> {
  const path = apiPath('GET {parent}/messages/{messageId}/edits', { parent, messageId });
  return api.get<MessageHistory>(threadRootID ? `${path}?thread=${encodeURIComponent(threadRootID)}` : path);
}
