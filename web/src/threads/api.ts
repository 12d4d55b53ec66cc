import type { ApiClient } from '../api/client';
import { apiPath, type ParentRef } from '../api/routes';
import type { Message, SendMessage, ThreadPage, ThreadSummary } from '../api/types.generated';

export function fetchThread(api: ApiClient, parent: ParentRef, rootId: string, after?: string): Promise<ThreadPage> {
  const query = after ? `?after=${encodeURIComponent(after)}` : '';
  return api.get<ThreadPage>(`${apiPath('GET {parent}/messages/{messageId}/thread', { parent, messageId: rootId })}${query}`);
}

export function sendReply(
  api: ApiClient,
  parent: ParentRef,
  rootId: string,
  body: string,
  clientNonce: string,
  attachmentIDs: string[] = [],
): Promise<Message> {
  const send: SendMessage = { body, clientNonce, threadRootID: rootId };
  if (attachmentIDs.length > 0) send.attachmentIDs = attachmentIDs;
  return api.post<Message>(apiPath('POST {parent}/messages', { parent }), send);
}

export function setFollowing(api: ApiClient, parent: ParentRef, rootId: string, following: boolean): Promise<void> {
  return api.put<void>(apiPath('PUT {parent}/messages/{messageId}/follow', { parent, messageId: rootId }), { following });
}

/** Records how far the reader has read a thread (the newest reply's `seq`). */
export function markThreadRead(api: ApiClient, parent: ParentRef, rootId: string, seq: number): Promise<void> {
  return api.post<void>(apiPath('POST {parent}/messages/{messageId}/thread/read', { parent, messageId: rootId }), { seq });
}

/** The threads the reader follows, newest activity first. */
export function fetchFollowedThreads(api: ApiClient): Promise<ThreadSummary[]> {
  return api.get<ThreadSummary[]>(apiPath('GET /api/v1/threads'));
}
