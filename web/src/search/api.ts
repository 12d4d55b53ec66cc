import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { apiPath, query } from '../api/routes';
import type { ChannelPage, FileHitPage, MessageHitPage, SearchSort, UserPage } from '../api/types.generated';
import { SEARCH_PAGE_DEFAULT } from '../limits';

const MESSAGES = apiPath('GET /api/v1/search/messages');
const FILES = apiPath('GET /api/v1/search/files');
const PEOPLE = apiPath('GET /api/v1/search/people');
const CHANNELS = apiPath('GET /api/v1/search/channels');

/**
 * Messages matching the query (words, phrases and filters, parsed by the server), a page at a
 * time. A page may be short, even empty, and still have a `nextCursor`: read on while it has.
 */
export function searchMessages(
  api: ApiClient,
  q: string,
  sort: SearchSort,
  cursor: string | null,
  limit = SEARCH_PAGE_DEFAULT,
): Promise<MessageHitPage> {
  return api.get<MessageHitPage>(`${MESSAGES}${query({ q, sort, cursor, limit })}`);
}

/** Files whose names match, with the message each came with. */
export function searchFiles(api: ApiClient, q: string, cursor: string | null, limit = SEARCH_PAGE_DEFAULT): Promise<FileHitPage> {
  return api.get<FileHitPage>(`${FILES}${query({ q, cursor, limit })}`);
}

/** Up to 20 people, best first (one page). */
export function searchPeople(api: ApiClient, q: string): Promise<UserPage> {
  return api.get<UserPage>(`${PEOPLE}${query({ q: q.trim() })}`);
}

/** Up to 20 channels the caller can see, best first; archived ones only when asked. */
export function searchChannels(api: ApiClient, q: string, archived = false): Promise<ChannelPage> {
  return api.get<ChannelPage>(`${CHANNELS}${query({ q: q.trim(), archived: String(archived) })}`);
}

/** A refusal of the query itself (its text is for the person to fix), not a failure to retry. */
export function isQueryError(err: unknown): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  switch (err.code) {
    case 'search_query_empty':
    case 'search_query_too_long':
    case 'invalid_search_filter':
    case 'invalid_search_date':
    case 'unknown_search_place':
      return true;
    default:
      return false;
  }
}

/** A failure worth trying again: no answer, or the server's own trouble. */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
}
