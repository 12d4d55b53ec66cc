import { describe, expect, it } from 'vitest';
import type { Membership } from '../api/types.generated';
import { unreadBadge, unreadCount } from './unread';

const membership = (lastReadSeq: number): Membership => ({
  parentID: 'c1',
  parentType: 'channel',
  role: 'member',
  joinedAt: '2024-01-01T00:00:00Z',
  favorite: false,
  muted: false,
  categoryID: null,
  opened: false,
  mentionCount: 0,
  notifyLevel: null,
  position: 0,
  lastReadSeq,
});

describe('unreadCount', () => {
  it('is the newest sequence number minus the read point', () => {
    expect(unreadCount(12, membership(9), false)).toBe(3);
    expect(unreadCount(9, membership(9), false)).toBe(0);
  });

  it('is zero for the open parent, and never negative', () => {
    expect(unreadCount(12, membership(9), true)).toBe(0);
    expect(unreadCount(3, membership(9), false)).toBe(0);
  });

  it('caps the badge', () => {
    expect(unreadBadge(7)).toBe('7');
    expect(unreadBadge(250)).toBe('99+');
  });
});
