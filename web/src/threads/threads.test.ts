import { describe, expect, it } from 'vitest';
import type { Message, ThreadSummary } from '../api/types.generated';
import { newReplies, sortThreads } from './threads';

const summary = (id: string, replyCount: number, lastReadReply: number, lastReplyAt: string | null): ThreadSummary => ({
  root: { id, replyCount, lastReplyAt, createdAt: '2026-01-01T00:00:00Z' } as Message,
  lastReadReply,
});

describe('followed threads', () => {
  it('count the replies not read yet', () => {
    expect(newReplies(summary('a', 5, 3, null))).toBe(2);
    expect(newReplies(summary('a', 2, 2, null))).toBe(0);
    expect(newReplies(summary('a', 1, 4, null))).toBe(0);
  });

  it('are listed newest activity first', () => {
    const list = [
      summary('old', 1, 0, '2026-01-02T00:00:00Z'),
      summary('new', 1, 0, '2026-01-05T00:00:00Z'),
      summary('none', 0, 0, null),
    ];
    expect(sortThreads(list).map((t) => t.root.id)).toEqual(['new', 'old', 'none']);
  });
});
