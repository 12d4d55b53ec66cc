import type { ApiClient } from '../api/client';
import type { Channel, MyChannel } from '../api/types.generated';

/** The channels the signed-in user is in: the sidebar. */
export function listMyChannels(api: ApiClient): Promise<MyChannel[]> {
  return api.get<MyChannel[]>('/api/v1/channels');
}

export function getChannel(api: ApiClient, idOrSlug: string): Promise<Channel> {
  return api.get<Channel>(`/api/v1/channels/${encodeURIComponent(idOrSlug)}`);
}
