import type { ApiClient } from '../api/client';
import { parentPath, type ParentRef } from '../api/paths';
import type { Message, ThreadPage } from '../api/types.generated';

export function fetchThread(api: ApiClient, parent: ParentRef, rootId: string, after?: string): Promise<ThreadPage> {
  const query = after ? `?after=${encodeURIComponent(after)}` : '';
  return api.get<ThreadPage>(`${parentPath(parent)}/messages/${encodeURIComponent(rootId)}/thread${query}`);
}

export function sendReply(
  api: ApiClient,
  parent: ParentRef,
  rootId: string,
  body: string,
  clientNonce: string,
): Promise<Message> {
  return api.post<Message>(`${parentPath(parent)}/messages`, { body, clientNonce, threadRootID: rootId });
}

export function setFollowing(api: ApiClient, parent: ParentRef, rootId: string, following: boolean): Promise<void> {
  return api.put<void>(`${parentPath(parent)}/messages/${encodeURIComponent(rootId)}/follow`, { following });
}
