import type { ApiClient } from '../api/client';
import { query } from '../api/paths';
import type { UserPage, UserView, UsersBatch } from '../api/types.generated';
import { USER_SEARCH_PAGE_SIZE } from '../limits';

export function fetchUsersBatch(api: ApiClient, ids: string[]): Promise<UserView[]> {
  return api.post<UserView[]>('/api/v1/users/batch', { ids } satisfies UsersBatch);
}

/** The roster: `q` searches names and emails. */
export function searchUsers(api: ApiClient, q: string, cursor: string | null = null): Promise<UserPage> {
  return api.get<UserPage>(`/api/v1/users${query({ q: q.trim(), cursor, limit: USER_SEARCH_PAGE_SIZE })}`);
}
