import type { Message } from '../api/types.generated';
import { formatMessageTime } from './formatTime';
import type { ReadMark } from './unreadDivider';

/**
 * How many messages were new when the conversation was opened (after the read point, up to the
 * newest then), not counting the reader's own. When the loaded run does not reach back to the read
 * point, the sequence numbers say how many there are at least.
 */
export function unreadCountAt(messages: readonly Message[], mark: ReadMark | null, me: string): number {
  if (mark === null || mark.newestSeq <= mark.lastReadSeq) return 0;
  const loaded = messages.filter((m) => m.seq > mark.lastReadSeq && m.seq <= mark.newestSeq);
  const others = loaded.filter((m) => m.authorID !== me).length;
  const oldestSeq = loaded.reduce((low, m) => Math.min(low, m.seq), Infinity);
  const notLoaded = loaded.length > 0 ? Math.max(0, oldestSeq - mark.lastReadSeq - 1) : mark.newestSeq - mark.lastReadSeq;
  return others + notLoaded;
}

/** "1 new message since 10:42", "300 new messages since Mar 3, 9:41 AM". */
export function unreadBarText(count: number, sinceIso: string | null, now: Date = new Date()): string {
  const what = `${count} new ${count === 1 ? 'message' : 'messages'}`;
  const since = sinceIso ? formatMessageTime(sinceIso, now) : '';
  return since ? `${what} since ${since}` : what;
}
