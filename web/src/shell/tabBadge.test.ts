import { describe, expect, it } from 'vitest';
import type { Membership, Sidebar } from '../api/types.generated';
import { badgeFor, tabCounts, titleWithCounts } from './tabBadge';

const membership = (parentID: string, lastReadSeq: number, extra: Partial<Membership> = {}): Membership =>
  ({ parentID, lastReadSeq, muted: false, mentionCount: 0, ...extra }) as Membership;

const sidebar = {
  channels: [
    { channel: { id: 'general', lastSeq: 10 }, membership: membership('general', 7) },
    { channel: { id: 'random', lastSeq: 5 }, membership: membership('random', 0, { muted: true, mentionCount: 1 }) },
    { channel: { id: 'dev', lastSeq: 4 }, membership: membership('dev', 2, { mentionCount: 2 }) },
  ],
  conversations: [{ conversation: { id: 'ann', lastSeq: 3 }, membership: membership('ann', 1) }],
  categories: [],
} as unknown as Sidebar;

describe('the tab’s counts', () => {
  it('add up unread messages (not muted) and what is for the reader, the open one left out', () => {
    expect(tabCounts(sidebar, null)).toEqual({ unread: 3 + 2 + 2, mentions: 1 + 2 + 2 });
    expect(tabCounts(sidebar, 'general')).toEqual({ unread: 2 + 2, mentions: 5 });
    expect(tabCounts(null, null)).toEqual({ unread: 0, mentions: 0 });
  });
});

describe('the tab’s title', () => {
  it('shows the counts before the page’s title, mentions first', () => {
    expect(titleWithCounts('#general · Parley', { unread: 3, mentions: 0 })).toBe('(3) #general · Parley');
    expect(titleWithCounts('#general · Parley', { unread: 3, mentions: 1 })).toBe('(@1 · 3) #general · Parley');
    expect(titleWithCounts('#general · Parley', { unread: 0, mentions: 2 })).toBe('(@2) #general · Parley');
    expect(titleWithCounts('#general · Parley', { unread: 0, mentions: 0 })).toBe('#general · Parley');
    expect(titleWithCounts('#general · Parley', { unread: 250, mentions: 0 })).toBe('(99+) #general · Parley');
  });

  it('replaces its own earlier prefix rather than adding another', () => {
    const once = titleWithCounts('#general · Parley', { unread: 3, mentions: 1 });
    expect(titleWithCounts(once, { unread: 4, mentions: 0 })).toBe('(4) #general · Parley');
    expect(titleWithCounts('(99+) Search · Parley', { unread: 0, mentions: 0 })).toBe('Search · Parley');
    // A page title that merely starts with a bracket is left alone.
    expect(titleWithCounts('(draft) notes', { unread: 1, mentions: 0 })).toBe('(1) (draft) notes');
  });
});

describe('the favicon’s badge', () => {
  it('counts mentions, dots unread, and is gone when all is read', () => {
    expect(badgeFor({ unread: 5, mentions: 2 })).toEqual({ kind: 'count', text: '2' });
    expect(badgeFor({ unread: 5, mentions: 12 })).toEqual({ kind: 'count', text: '9+' });
    expect(badgeFor({ unread: 5, mentions: 0 })).toEqual({ kind: 'dot' });
    expect(badgeFor({ unread: 0, mentions: 0 })).toEqual({ kind: 'none' });
  });
});
