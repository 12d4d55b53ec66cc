import type { MessagePage } from '../api/types.generated';
import type { PageKind } from './messageStore';
import type { PageQuery } from './api';

/** Past this many pages of backlog, jump to the newest page instead (the store drops the gap). */
export const CATCH_UP_MAX_PAGES = 10;

/**
 * Fetches what was posted since the newest loaded page, e.g. after a reconnect: pages `after` the
 * newer cursor until there are no more, handing each to `apply`. Without a cursor, or when far
 * behind, it takes the newest page instead.
 */
export async function catchUp(
  newerCursor: string | null,
  fetchPage: (query: PageQuery) => Promise<MessagePage>,
  apply: (kind: PageKind, page: MessagePage) => void,
  maxPages: number = CATCH_UP_MAX_PAGES,
): Promise<void> {
  let cursor = newerCursor;
  for (let pages = 0; cursor !== null && pages < maxPages; pages++) {
    const page = await fetchPage({ after: cursor });
    apply('newer', page);
    if (!page.hasMoreNewer) return;
    cursor = page.newerCursor;
  }
  apply('newest', await fetchPage({}));
}
