import type { Message } from '../api/types.generated';

/** The read point when the conversation was opened (or marked unread), and the newest message then. */
export type ReadMark = { lastReadSeq: number; newestSeq: number };

/**
 * Where the "New messages" line goes: before the first loaded message that was unread when the
 * conversation was opened (after `mark.lastReadSeq`, up to `mark.newestSeq`), unless all of those
 * are the reader's own. Messages arriving while the reader is here are read as they come: they
 * bring no line. Null when nothing was unread.
 */
export function unreadDividerBefore(messages: readonly Message[], mark: ReadMark | null, me: string): string | null {
  if (mark === null) return null;
  const unread = messages.filter((m) => m.seq > mark.lastReadSeq && m.seq <= mark.newestSeq);
  if (unread.every((m) => m.authorID === me)) return null;
  return unread[0]?.id ?? null;
}
