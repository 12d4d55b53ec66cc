import { describe, expect, it } from 'vitest';
import { adjacentRow, adjacentUnread, rowsInOrder } from './navigation';
import { buildSections } from './sections';
import { sidebar, sidebarChannel, sidebarConversation } from './testData';

/** Channels a..e by name, then a direct message `dm`; b and d unread, c muted and unread. */
function rows(extra: { mentionOnMuted?: boolean } = {}) {
  const data = sidebar({
    channels: [
      sidebarChannel('a'),
      sidebarChannel('b', { channel: { lastSeq: 3 } }),
      sidebarChannel('c', { channel: { lastSeq: 2 }, membership: { muted: true, mentionCount: extra.mentionOnMuted ? 1 : 0 } }),
      sidebarChannel('d', { channel: { lastSeq: 1 } }),
      sidebarChannel('e'),
    ],
    conversations: [sidebarConversation('dm')],
  });
  return rowsInOrder(buildSections(data, { openParentID: null, conversationTitle: (c) => c.id, me: 'me' }));
}

const id = (row: { parentID: string } | null) => row?.parentID ?? null;

describe('rowsInOrder', () => {
  it('lists rows as the sidebar shows them', () => {
    expect(rows().map((r) => r.parentID)).toEqual(['a', 'b', 'c', 'd', 'e', 'dm']);
  });
});

describe('adjacentRow', () => {
  it('moves one row up or down across sections', () => {
    expect(id(adjacentRow(rows(), 'b', 1))).toBe('c');
    expect(id(adjacentRow(rows(), 'b', -1))).toBe('a');
    expect(id(adjacentRow(rows(), 'e', 1))).toBe('dm');
  });

  it('stops at either end', () => {
    expect(adjacentRow(rows(), 'a', -1)).toBeNull();
    expect(adjacentRow(rows(), 'dm', 1)).toBeNull();
  });

  it('starts at the top going down, at the bottom going up, with nothing open', () => {
    expect(id(adjacentRow(rows(), null, 1))).toBe('a');
    expect(id(adjacentRow(rows(), 'not-in-sidebar', -1))).toBe('dm');
    expect(adjacentRow([], null, 1)).toBeNull();
  });
});

describe('adjacentUnread', () => {
  it('skips read and muted rows', () => {
    expect(id(adjacentUnread(rows(), 'a', 1))).toBe('b');
    expect(id(adjacentUnread(rows(), 'b', 1))).toBe('d');
    expect(id(adjacentUnread(rows(), 'd', -1))).toBe('b');
  });

  it('counts a muted row with mentions', () => {
    expect(id(adjacentUnread(rows({ mentionOnMuted: true }), 'b', 1))).toBe('c');
  });

  it('goes round past the ends', () => {
    expect(id(adjacentUnread(rows(), 'd', 1))).toBe('b');
    expect(id(adjacentUnread(rows(), 'b', -1))).toBe('d');
  });

  it('finds every unread row with nothing open', () => {
    expect(id(adjacentUnread(rows(), null, 1))).toBe('b');
    expect(id(adjacentUnread(rows(), null, -1))).toBe('d');
  });

  it('is null when no other row is unread', () => {
    const onlyOne = rows().filter((r) => r.parentID !== 'd');
    expect(adjacentUnread(onlyOne, 'b', 1)).toBeNull();
    expect(adjacentUnread([], null, 1)).toBeNull();
  });
});
