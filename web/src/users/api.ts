import type { ApiClient } from '../api/client';
import type { UserView, UsersBatch } from '../api/types.generated';

export function fetchUsersBatch(api: ApiClient, ids: string[]): Promise<UserView[]> {
  return api.post<UserView[]>('/api/v1/users/batch', { ids } satisfies UsersBatch);
}
