import type { ApiClient } from '../api/client';
import { apiPath, query } from '../api/routes';
import type {
  AddMember,
  ChangeRole,
  Channel,
  ChannelPage,
  ChannelRole,
  CreateChannel,
  Member,
  MemberPage,
  SidebarChannel,
  UpdateChannel,
} from '../api/types.generated';
import { DIRECTORY_PAGE_DEFAULT } from '../limits';

/** The public directory: non-archived public channels, newest first. */
export function listDirectory(api: ApiClient, q: string, cursor: string | null): Promise<ChannelPage> {
  return api.get<ChannelPage>(`${apiPath('GET /api/v1/channels')}${query({ q: q.trim(), cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

export function createChannel(api: ApiClient, body: CreateChannel): Promise<SidebarChannel> {
  return api.post<SidebarChannel>(apiPath('POST /api/v1/channels'), body);
}

/** By id or slug; an old slug (from before a rename) still finds the channel. */
export function getChannel(api: ApiClient, idOrSlug: string): Promise<Channel> {
  return api.get<Channel>(apiPath('GET /api/v1/channels/{id}', { id: idOrSlug }));
}

export function updateChannel(api: ApiClient, id: string, patch: UpdateChannel): Promise<Channel> {
  return api.patch<Channel>(apiPath('PATCH /api/v1/channels/{id}', { id }), patch);
}

export function setArchived(api: ApiClient, id: string, archived: boolean): Promise<Channel> {
  return api.post<Channel>(
    archived
      ? apiPath('POST /api/v1/channels/{id}/archive', { id })
      : apiPath('POST /api/v1/channels/{id}/unarchive', { id }),
  );
}

export function joinChannel(api: ApiClient, id: string): Promise<SidebarChannel> {
  return api.post<SidebarChannel>(apiPath('POST /api/v1/channels/{id}/join', { id }));
}

export function leaveChannel(api: ApiClient, id: string): Promise<void> {
  return api.post<void>(apiPath('POST /api/v1/channels/{id}/leave', { id }));
}

export function listMembers(api: ApiClient, id: string, cursor: string | null): Promise<MemberPage> {
  return api.get<MemberPage>(`${apiPath('GET /api/v1/channels/{id}/members', { id })}${query({ cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

export function addMember(api: ApiClient, id: string, userID: string, role?: ChannelRole): Promise<Member> {
  const body: AddMember = role ? { userID, role } : { userID };
  return api.post<Member>(apiPath('POST /api/v1/channels/{id}/members', { id }), body);
}

export function changeMemberRole(api: ApiClient, id: string, userID: string, role: ChannelRole): Promise<Member> {
  return api.patch<Member>(apiPath('PATCH /api/v1/channels/{id}/members/{userId}', { id, userId: userID }), { role } satisfies ChangeRole);
}

export function removeMember(api: ApiClient, id: string, userID: string): Promise<void> {
  return api.delete(apiPath('DELETE /api/v1/channels/{id}/members/{userId}', { id, userId: userID }));
}
