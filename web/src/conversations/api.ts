import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type {
  AddParticipants,
  Conversation,
  OpenConversation,
  RenameConversation,
  SidebarConversation,
} from '../api/types.generated';

/**
 * Get-or-create the conversation of the caller and these people: none is notes to self, one a
 * direct message, more a group. The same people always get the same conversation.
 */
export function openConversation(api: ApiClient, participantIDs: string[], name?: string): Promise<SidebarConversation> {
  const body: OpenConversation = name ? { participantIDs, name } : { participantIDs };
  return api.post<SidebarConversation>(apiPath('POST /api/v1/conversations'), body);
}

export function getConversation(api: ApiClient, id: string): Promise<Conversation> {
  return api.get<Conversation>(apiPath('GET /api/v1/conversations/{id}', { id }));
}

/** Groups only; an empty name clears it. */
export function renameConversation(api: ApiClient, id: string, name: string): Promise<Conversation> {
  return api.patch<Conversation>(apiPath('PATCH /api/v1/conversations/{id}', { id }), { name } satisfies RenameConversation);
}

export function addParticipants(api: ApiClient, id: string, userIDs: string[]): Promise<Conversation> {
  return api.post<Conversation>(apiPath('POST /api/v1/conversations/{id}/participants', { id }), { userIDs } satisfies AddParticipants);
}

export function leaveConversation(api: ApiClient, id: string): Promise<void> {
  return api.post<void>(apiPath('POST /api/v1/conversations/{id}/leave', { id }));
}
