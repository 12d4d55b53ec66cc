import type { Message, MessagePage } from '../api/types.generated';
import type { PageQuery } from './api';
import { compareMessages, type MessagesState } from './messageStore';

/** Past this many pages, a refresh keeps only the newest ones (scrolling up loads the rest). */
export const CATCH_UP_MAX_PAGES = 10;

/**
 * What the loaded run looks like on the server now, after a reconnect or a missed event: the
 * messages on screen with their current body, reactions, pins and deleted state, and whatever was
 * posted since. At the live end it pages back from the newest message until it reaches the oldest
 * loaded one (at most `maxPages`); reading an older window (opened at a linked message), it loads
 * the window around that window's first message again. The answer replaces the run (see the
 * store's `refreshed`).
 */
export async function refetchWindow(
  state: Pick<MessagesState, 'messages' | 'hasMoreNewer'>,
  fetchPage: (query: PageQuery) => Promise<MessagePage>,
  maxPages: number = CATCH_UP_MAX_PAGES,
): Promise<MessagePage> {
  const oldest = state.messages[0];
  if (oldest && state.hasMoreNewer) return fetchPage({ around: oldest.id });
  const newest = await fetchPage({});
  const items: Message[] = [...newest.items];
  let last = newest;
  for (let pages = 1; pages < maxPages && oldest && !reaches(last, oldest); pages++) {
    if (!last.hasMoreOlder || !last.olderCursor) break;
    last = await fetchPage({ before: last.olderCursor });
    items.push(...last.items);
  }
  return {
    items,
    hasMoreOlder: last.hasMoreOlder,
    olderCursor: last.olderCursor,
    hasMoreNewer: false,
    newerCursor: newest.newerCursor,
  };
}

/** Whether `page` goes back as far as `message`. */
function reaches(page: MessagePage, message: Message): boolean {
  return page.items.some((m) => compareMessages(m, message) <= 0);
}
