import type { Message } from '../api/types.generated';

/**
 * Where the "New messages" line goes: before the first loaded message after the read point, unless
 * everything after it is the reader's own (they have seen what they wrote). Null when nothing
 * loaded is new. `lastReadSeq` is the read point when the conversation was opened (or marked
 * unread), so the line stays put while the reader catches up.
 */
export function unreadDividerBefore(
  messages: readonly Message[],
  lastReadSeq: number | null,
  me: string,
): string | null {
  if (lastReadSeq === null) return null;
  const index = messages.findIndex((m) => m.seq > lastReadSeq);
  if (index < 0) return null;
  const unread = messages.slice(index);
  if (unread.every((m) => m.authorID === me)) return null;
  return messages[index]?.id ?? null;
}
