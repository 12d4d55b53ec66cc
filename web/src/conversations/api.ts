import type { ApiClient } from '../api/client';
import type {
  AddParticipants,
  Conversation,
  OpenConversation,
  RenameConversation,
  SidebarConversation,
} from '../api/types.generated';

const conversationPath = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

/**
 * Get-or-create the conversation of the caller and these people: none is notes to self, one a
 * direct message, more a group. The same people always get the same conversation.
 */
export function openConversation(api: ApiClient, participantIDs: string[], name?: string): Promise<SidebarConversation> {
  const body: OpenConversation = name ? { participantIDs, name } : { participantIDs };
  return api.post<SidebarConversation>('/api/v1/conversations', body);
}

export function getConversation(api: ApiClient, id: string): Promise<Conversation> {
  return api.get<Conversation>(conversationPath(id));
}

/** Groups only; an empty name clears it. */
export function renameConversation(api: ApiClient, id: string, name: string): Promise<Conversation> {
  return api.patch<Conversation>(conversationPath(id), { name } satisfies RenameConversation);
}

export function addParticipants(api: ApiClient, id: string, userIDs: string[]): Promise<Conversation> {
  return api.post<Conversation>(`${conversationPath(id)}/participants`, { userIDs } satisfies AddParticipants);
}

export function leaveConversation(api: ApiClient, id: string): Promise<void> {
  return api.post<void>(`${conversationPath(id)}/leave`);
}
