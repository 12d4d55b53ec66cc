import type { ApiClient } from '../api/client';
import { query } from '../api/paths';
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

const channelPath = (id: string) => `/api/v1/channels/${encodeURIComponent(id)}`;

/** The public directory: non-archived public channels, newest first. */
export function listDirectory(api: ApiClient, q: string, cursor: string | null): Promise<ChannelPage> {
  return api.get<ChannelPage>(`/api/v1/channels${query({ q: q.trim(), cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

export function createChannel(api: ApiClient, body: CreateChannel): Promise<SidebarChannel> {
  return api.post<SidebarChannel>('/api/v1/channels', body);
}

/** By id or slug; an old slug (from before a rename) still finds the channel. */
export function getChannel(api: ApiClient, idOrSlug: string): Promise<Channel> {
  return api.get<Channel>(channelPath(idOrSlug));
}

export function updateChannel(api: ApiClient, id: string, patch: UpdateChannel): Promise<Channel> {
  return api.patch<Channel>(channelPath(id), patch);
}

export function setArchived(api: ApiClient, id: string, archived: boolean): Promise<Channel> {
  return api.post<Channel>(`${channelPath(id)}/${archived ? 'archive' : 'unarchive'}`);
}

export function joinChannel(api: ApiClient, id: string): Promise<SidebarChannel> {
  return api.post<SidebarChannel>(`${channelPath(id)}/join`);
}

export function leaveChannel(api: ApiClient, id: string): Promise<void> {
  return api.post<void>(`${channelPath(id)}/leave`);
}

export function listMembers(api: ApiClient, id: string, cursor: string | null): Promise<MemberPage> {
  return api.get<MemberPage>(`${channelPath(id)}/members${query({ cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

export function addMember(api: ApiClient, id: string, userID: string, role?: ChannelRole): Promise<Member> {
  const body: AddMember = role ? { userID, role } : { userID };
  return api.post<Member>(`${channelPath(id)}/members`, body);
}

export function changeMemberRole(api: ApiClient, id: string, userID: string, role: ChannelRole): Promise<Member> {
  return api.patch<Member>(`${channelPath(id)}/members/${encodeURIComponent(userID)}`, { role } satisfies ChangeRole);
}

export function removeMember(api: ApiClient, id: string, userID: string): Promise<void> {
  return api.delete(`${channelPath(id)}/members/${encodeURIComponent(userID)}`);
}
