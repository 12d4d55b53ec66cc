import { describe, expect, it } from 'vitest';
import type { Notification, Sidebar } from '../api/types.generated';
import { notificationTarget } from './target';

const notification = (extra: Partial<Notification>): Notification => ({
  kind: 'mention',
  parentID: 'c1',
  parentType: 'channel',
  messageID: 'm1',
  threadRootID: null,
  authorID: 'ann',
  excerpt: 'hi',
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const sidebar = { channels: [{ channel: { id: 'c1', name: 'team', slug: 'team' } }], conversations: [], categories: [] } as unknown as Sidebar;

describe('where a notification leads', () => {
  it('opens the message in its channel, or its thread', () => {
    expect(notificationTarget(notification({}), sidebar, () => null)).toEqual({ where: '#team', href: '/c/team?message=m1' });
    expect(notificationTarget(notification({ threadRootID: 'r1', messageID: 'm2' }), sidebar, () => null).href).toBe(
      '/c/team?message=m2&thread=r1',
    );
  });

  it('names a conversation by its title', () => {
    const dm = notification({ parentType: 'conversation', parentID: 'd1' });
    expect(notificationTarget(dm, sidebar, () => 'Ann')).toEqual({ where: 'Ann', href: '/d/d1?message=m1' });
    expect(notificationTarget(dm, sidebar, () => null).where).toBe('a conversation');
  });
});
