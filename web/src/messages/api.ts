import type { ApiClient } from '../api/client';
import type { Message, MessagePage, SendMessage } from '../api/types.generated';
import { MESSAGE_PAGE_SIZE } from '../limits';

/** No cursor: the newest page. `before`: the page just older. `after`: the page just newer. */
export type PageQuery = { before?: string; after?: string };

export function fetchMessages(
  api: ApiClient,
  channelId: string,
  query: PageQuery = {},
): Promise<MessagePage> {
  const params = new URLSearchParams({ limit: String(MESSAGE_PAGE_SIZE) });
  if (query.before) params.set('before', query.before);
  if (query.after) params.set('after', query.after);
  return api.get<MessagePage>(`/api/v1/channels/${encodeURIComponent(channelId)}/messages?${params}`);
}

export function sendMessage(api: ApiClient, channelId: string, body: SendMessage): Promise<Message> {
  return api.post<Message>(`/api/v1/channels/${encodeURIComponent(channelId)}/messages`, body);
}
