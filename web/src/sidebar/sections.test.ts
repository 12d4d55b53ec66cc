import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types.generated';
import { buildSections } from './sections';
import { category, sidebar, sidebarChannel, sidebarConversation } from './testData';

const options = {
  openParentID: null,
  conversationTitle: (c: Conversation) => c.name ?? c.id,
};

const summary = (sections: ReturnType<typeof buildSections>) =>
  sections.map((s) => `${s.key}: ${s.rows.map((r) => r.parentID).join(' ')}`);

describe('buildSections', () => {
  it('groups rows into Favourites, categories, Channels and Direct messages', () => {
    const sections = buildSections(
      sidebar({
        channels: [
          sidebarChannel('random'),
          sidebarChannel('general'),
          sidebarChannel('design', { membership: { favorite: true, categoryID: 'work' } }),
          sidebarChannel('ops', { membership: { categoryID: 'work', position: 2 } }),
          sidebarChannel('infra', { membership: { categoryID: 'work', position: 1 } }),
          sidebarChannel('orphan', { membership: { categoryID: 'deleted' } }),
        ],
        conversations: [
          sidebarConversation('old', { conversation: { lastMessageAt: '2024-01-01T00:00:00Z' } }),
          sidebarConversation('new', { conversation: { lastMessageAt: '2024-03-01T00:00:00Z' } }),
          sidebarConversation('fresh', { conversation: { createdAt: '2024-02-01T00:00:00Z' } }),
          sidebarConversation('pinned', { membership: { categoryID: 'later' } }),
        ],
        categories: [category('work', 1, 'Work'), category('later', 2, 'Later')],
      }),
      options,
    );
    expect(summary(sections)).toEqual([
      'favorites: design',
      'category:work: infra ops',
      'category:later: pinned',
      'channels: general orphan random',
      'direct: new fresh old',
    ]);
    expect(sections.map((s) => s.title)).toEqual(['Favourites', 'Work', 'Later', 'Channels', 'Direct messages']);
  });

  it('sorts names as people do', () => {
    const [, channels] = buildSections(
      sidebar({ channels: ['m10', 'M2', 'm1'].map((id) => sidebarChannel(id)) }),
      options,
    );
    expect(channels?.rows.map((r) => r.title)).toEqual(['m1', 'M2', 'm10']);
  });

  it('orders ties by title, and gives each row its link, icon and unread count', () => {
    const [favorites, , direct] = buildSections(
      sidebar({
        channels: [
          sidebarChannel('b', { membership: { favorite: true }, channel: { lastSeq: 7, type: 'private' } }),
          sidebarChannel('a', { membership: { favorite: true, lastReadSeq: 3 }, channel: { lastSeq: 7 } }),
        ],
        conversations: [
          sidebarConversation('g', { conversation: { kind: 'group', name: 'Team', lastSeq: 2 } }),
        ],
      }),
      { ...options, openParentID: 'b' },
    );
    expect(favorites?.rows.map((r) => [r.title, r.unread, r.icon, r.href])).toEqual([
      ['a', 4, 'public', '/c/a'],
      ['b', 0, 'private', '/c/b'],
    ]);
    expect(direct?.rows.map((r) => [r.title, r.unread, r.icon, r.href])).toEqual([['Team', 2, 'group', '/d/g']]);
  });

  it('knows the other person of a direct message, for their presence', () => {
    const [, , direct] = buildSections(
      sidebar({
        conversations: [
          sidebarConversation('d', { conversation: { kind: 'direct', participantIDs: ['me', 'ann'] } }),
          sidebarConversation('g', { conversation: { kind: 'group', participantIDs: ['me', 'ann', 'bob'] } }),
        ],
      }),
      { ...options, me: 'me' },
    );
    expect(direct?.rows.map((r) => [r.parentID, r.peerID])).toEqual([
      ['d', 'ann'],
      ['g', null],
    ]);
  });
});
