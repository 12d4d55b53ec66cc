import type { ApiClient } from '../api/client';
import { apiPath, query } from '../api/routes';
import type { FileUrl, UserPage, UserView, UsersBatch } from '../api/types.generated';

/** People per page of a roster search: a picker shows a few at a time (the server allows more). */
export const USER_SEARCH_PAGE_SIZE = 20;

export function fetchUsersBatch(api: ApiClient, ids: string[]): Promise<UserView[]> {
  return api.post<UserView[]>(apiPath('POST /api/v1/users/batch'), { ids } satisfies UsersBatch);
}

/** A URL to someone's picture that works for a few minutes (see `AvatarUrls`). */
export function fetchAvatarUrl(api: ApiClient, userId: string): Promise<FileUrl> {
  return api.get<FileUrl>(apiPath('GET /api/v1/users/{id}/avatar', { id: userId }));
}

/** The roster: `q` searches names and emails. */
export function searchUsers(api: ApiClient, q: string, cursor: string | null = null): Promise<UserPage> {
  return api.get<UserPage>(`${apiPath('GET /api/v1/users')}${query({ q: q.trim(), cursor, limit: USER_SEARCH_PAGE_SIZE })}`);
}

/** Pages of the roster one search may read, at most, to fill its answer. */
export const SEARCH_MAX_PAGES = 10;

/**
 * Up to `want` people matching `q`. The server filters each page after reading it, so a page can
 * come back short, even empty, with more to read: this reads on (at most `maxPages` pages) until
 * it has enough.
 */
export async function searchUsersFilled(
  fetchPage: (cursor: string | null) => Promise<UserPage>,
  want: number = USER_SEARCH_PAGE_SIZE,
  maxPages: number = SEARCH_MAX_PAGES,
): Promise<UserView[]> {
  const found: UserView[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const page: UserPage = await fetchPage(cursor);
    found.push(...page.items);
    cursor = page.nextCursor;
    if (found.length >= want || !cursor) break;
  }
  return found.slice(0, want);
}
