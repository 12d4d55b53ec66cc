import { describe, expect, it } from 'vitest';
import type { Message, ServerEvent } from '../api/types.generated';
import { addReply, deleteReply, fetchWholeThread, fromPage, threadAfterEvent, updateMessage } from './threadStore';

const message = (id: string, extra: Partial<Message> = {}): Message =>
  ({ id, seq: 1, body: id, threadRootID: null, reactions: {}, deleted: false, ...extra }) as Message;

const root = message('root', { replyCount: 1 });
const reply = (id: string, seq: number) => message(id, { seq, threadRootID: 'root' });

describe('an open thread', () => {
  it('adds replies once, in thread order, and only its own', () => {
    let state = fromPage({ root, replies: [reply('b', 2)], nextCursor: null, following: true });
    state = addReply(state, reply('a', 1));
    state = addReply(state, reply('a', 1));
    state = addReply(state, message('other', { threadRootID: 'elsewhere' }));
    expect(state.replies.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('follows changes to the root and to replies, and shows deleted replies as deleted', () => {
    let state = fromPage({ root, replies: [reply('a', 1)], nextCursor: null, following: false });
    state = updateMessage(state, { ...root, replyCount: 2 });
    expect(state.root.replyCount).toBe(2);
    state = updateMessage(state, { ...reply('a', 1), body: 'edited' });
    expect(state.replies[0]?.body).toBe('edited');
    state = deleteReply(state, 'a');
    expect(state.replies[0]).toMatchObject({ deleted: true, body: '' });
    expect(updateMessage(state, message('unrelated'))).toBe(state);
    // A late copy from before the deletion does not bring the reply back.
    state = updateMessage(state, { ...reply('a', 1), body: 'late' });
    expect(state.replies[0]).toMatchObject({ deleted: true, body: '' });
  });
});

describe('catching up on a thread', () => {
  const page = (replies: Message[], nextCursor: string | null, following = false) => ({ root, replies, nextCursor, following });

  it('reads every page into one state, with the replies as the server has them now', async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, ReturnType<typeof page>> = {
      first: page([reply('a', 1), { ...reply('b', 2), body: 'edited' }], 'p2', true),
      p2: page([{ ...reply('c', 3), deleted: true, body: '' }], 'p3', true),
      p3: page([], null, true),
    };
    const state = await fetchWholeThread((after) => {
      asked.push(after);
      return Promise.resolve(pages[after ?? 'first']!);
    });
    expect(asked).toEqual([undefined, 'p2', 'p3']);
    expect(state.replies.map((r) => [r.id, r.deleted ? '(deleted)' : r.body])).toEqual([
      ['a', 'a'],
      ['b', 'edited'],
      ['c', '(deleted)'],
    ]);
    expect(state.following).toBe(true);
  });

  it('applies the live events that came while it was read on top of it', () => {
    const fresh = fromPage(page([reply('a', 1)], null));
    const since: ServerEvent[] = [
      { type: 'message.new', data: reply('b', 2) },
      { type: 'message.updated', data: { ...reply('a', 1), body: 'edited live' } },
      { type: 'message.deleted', data: { id: 'b', parentID: 'p', parentType: 'channel', threadRootID: 'root' } },
      { type: 'thread.followed', data: { parentID: 'p', parentType: 'channel', threadRootID: 'root', following: true } },
      // Someone else's thread is left alone.
      { type: 'message.new', data: message('x', { threadRootID: 'elsewhere' }) },
    ];
    const state = since.reduce(threadAfterEvent, fresh);
    expect(state.replies.map((r) => [r.id, r.deleted ? '(deleted)' : r.body])).toEqual([
      ['a', 'edited live'],
      ['b', '(deleted)'],
    ]);
    expect(state.following).toBe(true);
  });
});
