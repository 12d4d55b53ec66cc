import { describe, expect, it } from 'vitest';
import type { Message, ServerEvent } from '../api/types.generated';
import { findMembership, sidebarReducer, type SidebarState } from './sidebarStore';
import { category, channel, membership, sidebar, sidebarChannel, sidebarConversation } from './testData';

const ME = 'me';

function message(parentID: string, seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    parentID,
    parentType: 'channel',
    authorID: 'bob',
    body: 'hi',
    seq,
    createdAt: `2024-01-02T00:00:${String(seq).padStart(2, '0')}Z`,
    clientNonce: null,
    system: null,
    threadRootID: null,
    editedAt: null,
    deleted: false,
    replyCount: 0,
    lastReplyAt: null,
    recentReplierIDs: [],
    reactions: {},
    pinnedAt: null,
    pinnedBy: null,
    mentionIDs: [],
    mentionsAll: false,
    mentionsHere: false,
    attachments: [],
    ...extra,
  };
}

const event = (state: SidebarState, e: ServerEvent) => sidebarReducer(state, { type: 'event', event: e, me: ME });

const loaded = sidebar({
  channels: [sidebarChannel('general', { channel: { lastSeq: 4 }, membership: { lastReadSeq: 4 } })],
  conversations: [sidebarConversation('dm1', { conversation: { lastSeq: 2 } })],
  categories: [category('b', 2), category('a', 1)],
});

describe('sidebarReducer', () => {
  it('keeps categories by position', () => {
    const state = sidebarReducer(null, { type: 'loaded', sidebar: loaded });
    expect(state?.categories.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('ignores everything but a load before the first load', () => {
    expect(event(null, { type: 'sidebar.categories', data: [] })).toBeNull();
  });

  it('advances the newest message on message.new, and my own read point for my messages', () => {
    let state = event(loaded, { type: 'message.new', data: message('general', 5) });
    expect(state?.channels[0]?.channel.lastSeq).toBe(5);
    expect(state?.channels[0]?.membership.lastReadSeq).toBe(4);
    state = event(state, { type: 'message.new', data: message('general', 6, { authorID: ME }) });
    expect(state?.channels[0]?.channel).toMatchObject({ lastSeq: 6, lastMessageAt: '2024-01-02T00:00:06Z' });
    expect(state?.channels[0]?.membership.lastReadSeq).toBe(6);
    state = event(state, {
      type: 'message.new',
      data: message('dm1', 3, { parentType: 'conversation' }),
    });
    expect(state?.conversations[0]?.conversation.lastSeq).toBe(3);
  });

  it('returns the same state for messages elsewhere or already counted', () => {
    expect(event(loaded, { type: 'message.new', data: message('elsewhere', 9) })).toBe(loaded);
    expect(event(loaded, { type: 'message.new', data: message('general', 3) })).toBe(loaded);
  });

  it('leaves counts alone for thread replies (their seq is their place in the thread)', () => {
    expect(event(loaded, { type: 'message.new', data: message('general', 50, { threadRootID: 'root' }) })).toBe(loaded);
  });

  it('adds, updates and removes rows from events', () => {
    let state = event(loaded, { type: 'sidebar.channel', data: sidebarChannel('random') });
    expect(state?.channels.map((c) => c.channel.id)).toEqual(['general', 'random']);
    state = event(state, { type: 'channel.updated', data: channel('random', { name: 'chat', archived: true }) });
    expect(state?.channels[1]?.channel).toMatchObject({ name: 'chat', archived: true });
    state = event(state, { type: 'sidebar.conversation', data: sidebarConversation('dm2') });
    expect(state?.conversations.map((c) => c.conversation.id)).toEqual(['dm2', 'dm1']);
    state = event(state, { type: 'sidebar.removed', data: { parentID: 'random', parentType: 'channel' } });
    expect(state?.channels.map((c) => c.channel.id)).toEqual(['general']);
  });

  it('keeps the newest message known when an older copy of a channel arrives', () => {
    const state = event(loaded, { type: 'channel.updated', data: channel('general', { lastSeq: 1, name: 'all' }) });
    expect(state?.channels[0]?.channel).toMatchObject({ name: 'all', lastSeq: 4 });
  });

  it('takes memberships from other devices, but never moves a read point back', () => {
    const state = event(loaded, {
      type: 'sidebar.membership',
      data: membership('general', { favorite: true, lastReadSeq: 2 }),
    });
    expect(findMembership(state, 'general')).toMatchObject({ favorite: true, lastReadSeq: 4 });
  });

  it('moves a read point back when the reader marks a message unread', () => {
    const state = sidebarReducer(loaded, { type: 'unread', membership: membership('general', { lastReadSeq: 1 }) });
    expect(findMembership(state, 'general')?.lastReadSeq).toBe(1);
  });

  it('applies local patches and read points', () => {
    let state = sidebarReducer(loaded, { type: 'patch', parentID: 'dm1', patch: { muted: true, categoryID: 'a' } });
    expect(findMembership(state, 'dm1')).toMatchObject({ muted: true, categoryID: 'a', favorite: false });
    state = sidebarReducer(state, { type: 'read', parentID: 'dm1', seq: 2 });
    expect(findMembership(state, 'dm1')?.lastReadSeq).toBe(2);
    expect(sidebarReducer(state, { type: 'read', parentID: 'dm1', seq: 1 })).toBe(state);
  });

  it('follows my own role changes', () => {
    const state = event(loaded, {
      type: 'members.changed',
      data: { parentID: 'general', parentType: 'channel', userID: ME, action: 'role', role: 'admin' },
    });
    expect(findMembership(state, 'general')?.role).toBe('admin');
    const other = event(loaded, {
      type: 'members.changed',
      data: { parentID: 'general', parentType: 'channel', userID: 'bob', action: 'role', role: 'admin' },
    });
    expect(other).toBe(loaded);
  });

  it('replaces, changes and deletes categories', () => {
    let state = event(loaded, { type: 'sidebar.categories', data: [category('z', 5), category('y', -1)] });
    expect(state?.categories.map((c) => c.id)).toEqual(['y', 'z']);
    state = sidebarReducer(state, { type: 'category', category: category('y', 9, 'Later') });
    expect(state?.categories.map((c) => c.name)).toEqual(['z', 'Later']);
    state = sidebarReducer(state, { type: 'categoryDeleted', id: 'z' });
    expect(state?.categories.map((c) => c.id)).toEqual(['y']);
  });
});
