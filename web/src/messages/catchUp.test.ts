import { describe, expect, it } from 'vitest';
import type { Message, MessagePage } from '../api/types.generated';
import type { PageQuery } from './api';
import { refetchWindow } from './catchUp';
import { messagesReducer, emptyMessages, type MessagesState } from './messageStore';
import { msg } from './testMessages';

/** Pages of `seqs` (newest first, as the server sends them), `size` each, from the newest. */
function server(messages: Message[], size: number) {
  const newestFirst = [...messages].sort((a, b) => b.seq - a.seq);
  const queries: PageQuery[] = [];
  const at = (start: number): MessagePage => {
    const items = newestFirst.slice(start, start + size);
    const more = start + size < newestFirst.length;
    return {
      items,
      hasMoreOlder: more,
      olderCursor: more ? `from-${start + size}` : null,
      hasMoreNewer: false,
      newerCursor: 'newest',
    };
  };
  return {
    queries,
    fetchPage: (query: PageQuery): Promise<MessagePage> => {
      queries.push(query);
      if (query.around) return Promise.resolve({ ...at(0), hasMoreNewer: true });
      const start = query.before ? Number(query.before.slice(5)) : 0;
      return Promise.resolve(at(start));
    },
  };
}

function loaded(messages: Message[], hasMoreNewer = false): MessagesState {
  return { ...emptyMessages, messages, hasMoreNewer, newerCursor: 'c' };
}

describe('refetchWindow', () => {
  it('pages back from the newest until the oldest loaded message, so edits on screen come back', async () => {
    const onScreen = [msg(3), msg(4), msg(5), msg(6)];
    const now = [msg(1), msg(2), msg(3), msg(4, { body: 'edited' }), msg(5, { deleted: true, body: '' }), msg(6), msg(7), msg(8)];
    const s = server(now, 2);
    const page = await refetchWindow(loaded(onScreen), s.fetchPage);
    expect(s.queries).toEqual([{}, { before: 'from-2' }, { before: 'from-4' }]);
    const state = messagesReducer(loaded(onScreen), { type: 'refreshed', page });
    expect(state.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(state.messages.find((m) => m.seq === 4)?.body).toBe('edited');
    expect(state.messages.find((m) => m.seq === 5)?.deleted).toBe(true);
    expect(state.hasMoreOlder).toBe(true);
    expect(state.hasMoreNewer).toBe(false);
  });

  it('stops after the most pages it may take, keeping the newest ones', async () => {
    const all = Array.from({ length: 20 }, (_, i) => msg(i + 1));
    const s = server(all, 2);
    const page = await refetchWindow(loaded([msg(1)]), s.fetchPage, 3);
    expect(s.queries).toHaveLength(3);
    expect(page.items.map((m) => m.seq).sort((a, b) => a - b)).toEqual([15, 16, 17, 18, 19, 20]);
    expect(page.hasMoreOlder).toBe(true);
  });

  it('loads an older window (opened at a link) around its first message again', async () => {
    const s = server([msg(1), msg(2)], 5);
    await refetchWindow(loaded([msg(1), msg(2)], true), s.fetchPage);
    expect(s.queries).toEqual([{ around: msg(1).id }]);
  });

  it('keeps what arrived live while the refresh was on its way', () => {
    const state = loaded([msg(1), msg(2), msg(3)]);
    const page: MessagePage = {
      items: [msg(2, { body: 'edited' }), msg(1)],
      hasMoreOlder: false,
      olderCursor: null,
      hasMoreNewer: false,
      newerCursor: 'n',
    };
    const next = messagesReducer(state, { type: 'refreshed', page });
    expect(next.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'message 1'],
      [2, 'edited'],
      [3, 'message 3'],
    ]);
  });

  it('applies again the live events that came while it was fetched, its pages being older', () => {
    const state = loaded([msg(1), msg(2), msg(3)]);
    // Read before message 1 was edited, message 2 deleted and message 4 posted, all live since.
    const page: MessagePage = {
      items: [msg(3), msg(2), msg(1)],
      hasMoreOlder: false,
      olderCursor: null,
      hasMoreNewer: false,
      newerCursor: 'n',
    };
    const next = messagesReducer(state, {
      type: 'refreshed',
      page,
      since: [
        { type: 'updated', message: msg(1, { body: 'edited live' }) },
        { type: 'deleted', id: msg(2).id },
        { type: 'received', message: msg(4) },
      ],
    });
    expect(next.messages.map((m) => [m.seq, m.deleted ? '(deleted)' : m.body])).toEqual([
      [1, 'edited live'],
      [2, '(deleted)'],
      [3, 'message 3'],
      [4, 'message 4'],
    ]);
  });
});
