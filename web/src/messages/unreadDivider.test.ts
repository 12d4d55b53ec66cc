import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { unreadDividerBefore } from './unreadDivider';

const m = (seq: number, authorID = 'ann'): Message => ({ id: `m${seq}`, seq, authorID }) as Message;

describe('the unread divider', () => {
  const list = [m(1), m(2), m(3, 'me'), m(4), m(5)];

  const mark = (lastReadSeq: number, newestSeq = 5) => ({ lastReadSeq, newestSeq });

  it('goes before the first message after the read point', () => {
    expect(unreadDividerBefore(list, mark(2), 'me')).toBe('m3');
    expect(unreadDividerBefore(list, mark(3), 'me')).toBe('m4');
    expect(unreadDividerBefore(list, mark(0), 'me')).toBe('m1');
  });

  it('is not shown when all is read, unknown, or only my own messages are newer', () => {
    expect(unreadDividerBefore(list, mark(5), 'me')).toBeNull();
    expect(unreadDividerBefore(list, null, 'me')).toBeNull();
    expect(unreadDividerBefore([m(1), m(2, 'me')], mark(1, 2), 'me')).toBeNull();
    expect(unreadDividerBefore([], mark(0), 'me')).toBeNull();
  });

  it('ignores messages that arrive while the reader is here', () => {
    // Opened with everything read (newest 3); 4 and 5 came in live.
    expect(unreadDividerBefore(list, mark(3, 3), 'me')).toBeNull();
    // Opened with 2 and 3 unread; the line stays above 2 as more arrive.
    expect(unreadDividerBefore(list, mark(1, 3), 'me')).toBe('m2');
    // Only my own was unread then: no line, whatever comes after.
    expect(unreadDividerBefore(list, mark(2, 3), 'me')).toBeNull();
  });

  it('works with gaps in the loaded sequence numbers (thread replies do not count)', () => {
    expect(unreadDividerBefore([m(2), m(7), m(9)], mark(4, 9), 'me')).toBe('m7');
  });
});
