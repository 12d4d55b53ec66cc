import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { unreadDividerBefore } from './unreadDivider';

const m = (seq: number, authorID = 'ann'): Message => ({ id: `m${seq}`, seq, authorID }) as Message;

describe('the unread divider', () => {
  const list = [m(1), m(2), m(3, 'me'), m(4), m(5)];

  it('goes before the first message after the read point', () => {
    expect(unreadDividerBefore(list, 2, 'me')).toBe('m3');
    expect(unreadDividerBefore(list, 3, 'me')).toBe('m4');
    expect(unreadDividerBefore(list, 0, 'me')).toBe('m1');
  });

  it('is not shown when all is read, unknown, or only my own messages are newer', () => {
    expect(unreadDividerBefore(list, 5, 'me')).toBeNull();
    expect(unreadDividerBefore(list, null, 'me')).toBeNull();
    expect(unreadDividerBefore([m(1), m(2, 'me')], 1, 'me')).toBeNull();
    expect(unreadDividerBefore([], 0, 'me')).toBeNull();
  });

  it('works with gaps in the loaded sequence numbers (thread replies do not count)', () => {
    expect(unreadDividerBefore([m(2), m(7), m(9)], 4, 'me')).toBe('m7');
  });
});
