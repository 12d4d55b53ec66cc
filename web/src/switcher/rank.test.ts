import { describe, expect, it } from 'vitest';
import type { UserView } from '../api/types.generated';
import { buildSections } from '../sidebar/sections';
import { rowsInOrder } from '../sidebar/navigation';
import { channel, sidebar, sidebarChannel, sidebarConversation } from '../sidebar/testData';
import { cleanQuery, rankItems, type RankInput } from './rank';

function person(id: string, displayName: string, extra: Partial<UserView> = {}): UserView {
  return { id, displayName, handle: id, deactivated: false, status: null, timeZone: null, avatar: null, ...extra };
}

const data = sidebar({
  channels: [
    sidebarChannel('general', { channel: { lastMessageAt: '2024-01-03T00:00:00Z' } }),
    sidebarChannel('design', { channel: { lastMessageAt: '2024-01-02T00:00:00Z' } }),
    sidebarChannel('design-general', { channel: { lastMessageAt: '2024-01-01T00:00:00Z' } }),
    sidebarChannel('random', { channel: { lastSeq: 4, lastMessageAt: '2023-01-01T00:00:00Z' } }),
    sidebarChannel('old-general', { channel: { archived: true } }),
  ],
  conversations: [sidebarConversation('dm-bob', { conversation: { participantIDs: ['me', 'bob'] } })],
});
const rows = rowsInOrder(
  buildSections(data, { openParentID: null, conversationTitle: () => 'Bob Stone', me: 'me' }),
);

function input(extra: Partial<RankInput> = {}): RankInput {
  return { rows, people: [], channels: [], recent: [], me: 'me', ...extra };
}

const keys = (query: string, extra: Partial<RankInput> = {}) => rankItems(query, input(extra)).map((r) => r.item.key);

describe('rankItems with nothing typed', () => {
  it('lists recent rows first, then unread, then by latest activity', () => {
    expect(keys('', { recent: ['dm-bob', 'design'] })).toEqual([
      'row:dm-bob',
      'row:design',
      'row:random',
      'row:general',
      'row:design-general',
      'row:old-general',
    ]);
  });

  it('does not put the open one first', () => {
    expect(keys('', { recent: ['design', 'dm-bob'], openID: 'design' }).slice(0, 2)).toEqual(['row:dm-bob', 'row:random']);
  });

  it('leaves people and directory channels out', () => {
    const found = keys('', { people: [person('ann', 'Ann')], channels: [channel('news')] });
    expect(found.every((k) => k.startsWith('row:'))).toBe(true);
  });
});

describe('rankItems with a query', () => {
  it('keeps only fuzzy matches, the best first', () => {
    expect(keys('gen')).toEqual(['row:general', 'row:design-general', 'row:old-general']);
    expect(keys('dsgn')).toEqual(['row:design', 'row:design-general']);
  });

  it('raises a recent row above a match as good, not above a name that starts with the query', () => {
    expect(keys('gen', { recent: ['old-general'] })).toEqual(['row:general', 'row:old-general', 'row:design-general']);
  });

  it('puts an archived channel after a live one', () => {
    expect(keys('general').indexOf('row:old-general')).toBeGreaterThan(keys('general').indexOf('row:design-general'));
  });

  it('ignores # and @ typed before a name', () => {
    expect(cleanQuery(' #gen ')).toBe('gen');
    expect(keys('#rand')).toEqual(['row:random']);
  });

  it('matches people by name or handle, and shows a person with a direct message as that row', () => {
    // `people` is what the server found for the query.
    expect(keys('bob', { people: [person('bob', 'Bob Stone')] })).toEqual(['row:dm-bob']);
    expect(keys('annie', { people: [person('ann', 'Ann Lee', { handle: 'annie' })] })).toEqual(['person:ann']);
    expect(keys('zed', { people: [person('zed', 'Zed', { deactivated: true })] })).toEqual([]);
  });

  it('lists a person the server found another way (their email) after the matches by name', () => {
    const people = [person('ann', 'Ann Lee', { handle: 'annie' })];
    expect(keys('random@example.com', { people })).toEqual(['person:ann']);
    expect(keys('rand', { people })).toEqual(['row:random', 'person:ann']);
  });

  it('adds public channels not joined, after joined ones', () => {
    const channels = [channel('design'), channel('design-review')];
    expect(keys('design', { channels })).toEqual(['row:design', 'row:design-general', 'channel:design-review']);
  });

  it('gives the matched letters of the title for highlighting', () => {
    const [first] = rankItems('rnd', input());
    expect(first?.indices).toEqual([0, 2, 3]);
  });

  it('stops at the limit', () => {
    expect(rankItems('e', input(), 2)).toHaveLength(2);
  });
});
