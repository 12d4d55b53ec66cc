import type { MessagePage } from '../api/types.generated';

/**
 * Pages (of MESSAGE_PAGE_MAX) loaded back from the newest to reach the read point on opening: up
 * to about a thousand unread messages open at the first of them; past that, at the oldest loaded
 * (the bar still counts them all, and scrolling up loads the rest).
 */
export const READ_POINT_MAX_PAGES = 10;

/** How far back a loaded run reaches: its oldest sequence number, and whether more is older. */
export type RunStart = { oldestSeq: number | null; hasMoreOlder: boolean; olderCursor: string | null };

/** Where a run starts once `page` (older, or the first) is added to it. */
export function extendRunStart(start: RunStart | null, page: MessagePage): RunStart {
  const oldest = page.items.reduce((low, m) => Math.min(low, m.seq), Infinity);
  const oldestSeq = Number.isFinite(oldest) ? Math.min(oldest, start?.oldestSeq ?? Infinity) : (start?.oldestSeq ?? null);
  return { oldestSeq, hasMoreOlder: page.hasMoreOlder, olderCursor: page.olderCursor };
}

/**
 * Whether the loaded run still starts after the read point: the first unread message (the one
 * after `lastReadSeq`) is older than anything loaded, and there are older pages to load.
 */
export function needsOlderForReadPoint(start: RunStart, lastReadSeq: number): boolean {
  if (start.oldestSeq === null || !start.hasMoreOlder || !start.olderCursor) return false;
  return start.oldestSeq > lastReadSeq + 1;
}

/**
 * Loads the pages older than `first` (the newest page) until the run reaches the read point, at
 * most READ_POINT_MAX_PAGES of them. `onPage` adds each; it answers false to stop (the list was
 * left meanwhile).
 */
export async function loadBackToReadPoint(
  first: MessagePage,
  lastReadSeq: number,
  fetchOlder: (cursor: string) => Promise<MessagePage>,
  onPage: (page: MessagePage) => boolean,
): Promise<void> {
  let start = extendRunStart(null, first);
  for (let pages = 0; pages < READ_POINT_MAX_PAGES && needsOlderForReadPoint(start, lastReadSeq); pages++) {
    if (!start.olderCursor) return;
    const page = await fetchOlder(start.olderCursor);
    if (!onPage(page)) return;
    start = extendRunStart(start, page);
  }
}
