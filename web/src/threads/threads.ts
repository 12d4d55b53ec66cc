import type { ThreadSummary } from '../api/types.generated';

/** Replies the reader has not seen in a followed thread (reply `seq`s run 1, 2, 3...). */
export function newReplies(summary: ThreadSummary): number {
  return Math.max(0, summary.root.replyCount - summary.lastReadReply);
}

/** Followed threads, newest activity first. */
export function sortThreads(threads: ThreadSummary[]): ThreadSummary[] {
  const at = (t: ThreadSummary) => t.root.lastReplyAt ?? t.root.createdAt;
  return [...threads].sort((a, b) => at(b).localeCompare(at(a)));
}
