import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { addReply, deleteReply, fromPage, updateMessage } from './threadStore';

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
