import type { ApiClient } from '../api/client';
import { parentPath, type ParentRef } from '../api/paths';
import type { Message, ThreadPage, ThreadSummary } from '../api/types.generated';

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

/** Records how far the reader has read a thread (the newest reply's `seq`). */
export function markThreadRead(api: ApiClient, parent: ParentRef, rootId: string, seq: number): Promise<void> {
  return api.post<void>(`${parentPath(parent)}/messages/${encodeURIComponent(rootId)}/thread/read`, { seq });
}

/** The threads the reader follows, newest activity first. */
export function fetchFollowedThreads(api: ApiClient): Promise<ThreadSummary[]> {
  return api.get<ThreadSummary[]>('/api/v1/threads');
}
