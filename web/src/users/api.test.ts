import { describe, expect, it } from 'vitest';
import type { UserPage, UserView } from '../api/types.generated';
import { searchUsersFilled } from './api';

const user = (id: string): UserView => ({
  id,
  displayName: id,
  handle: id,
  deactivated: false,
  status: null,
  timeZone: null,
  avatar: null,
});

function pages(list: UserPage[]) {
  const asked: (string | null)[] = [];
  return {
    asked,
    fetch: (cursor: string | null) => {
      asked.push(cursor);
      return Promise.resolve(list[asked.length - 1] ?? { items: [], nextCursor: null });
    },
  };
}

describe('a roster search', () => {
  it('reads past short and empty pages until it has enough', async () => {
    const server = pages([
      { items: [], nextCursor: 'c1' },
      { items: [user('a')], nextCursor: 'c2' },
      { items: [user('b'), user('c')], nextCursor: 'c3' },
    ]);
    expect((await searchUsersFilled(server.fetch, 2)).map((u) => u.id)).toEqual(['a', 'b']);
    expect(server.asked).toEqual([null, 'c1', 'c2']);
  });

  it('stops at the end of the roster, and after a bounded number of pages', async () => {
    const end = pages([{ items: [user('a')], nextCursor: null }]);
    expect((await searchUsersFilled(end.fetch, 5)).map((u) => u.id)).toEqual(['a']);
    const endless = pages(Array.from({ length: 20 }, () => ({ items: [], nextCursor: 'more' })));
    expect(await searchUsersFilled(endless.fetch, 5, 3)).toEqual([]);
    expect(endless.asked).toHaveLength(3);
  });
});
