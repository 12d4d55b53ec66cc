import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../api/types.generated';
import {
  emptyMessages,
  mergeMessages,
  messagesReducer,
  newestSeqOf,
  type MessagesState,
  type PendingMessage,
} from './messageStore';
import { msg } from './testMessages';

/** A page as the server sends it: items newest first. */
function page(seqs: number[], extra: Partial<MessagePage> = {}): MessagePage {
  return {
    items: seqs.map((s) => msg(s)).reverse(),
    hasMoreOlder: false,
    hasMoreNewer: false,
    olderCursor: null,
    newerCursor: null,
    ...extra,
  };
}

const seqs = (state: MessagesState) => state.messages.map((m) => m.seq);

function pending(clientNonce: string, body = 'hi'): PendingMessage {
  return { clientNonce, body, files: [], createdAt: '2024-01-01T00:00:00Z', status: 'sending', error: null };
}

describe('mergeMessages', () => {
  it('keeps each message once, oldest first', () => {
    const merged = mergeMessages([msg(1), msg(2), msg(3)], [msg(5), msg(3), msg(4), msg(5)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats the same author and client nonce as the same message', () => {
    const first = msg(7, { clientNonce: 'n1' });
    const retried = msg(8, { id: '01HOTHER00000000000000000X', clientNonce: 'n1' });
    expect(mergeMessages([first], [retried])).toEqual([first]);
    const someoneElse = { ...retried, authorID: 'bob' };
    expect(mergeMessages([first], [someoneElse])).toHaveLength(2);
  });

  it('returns the same array when nothing is new (no needless re-render)', () => {
    const existing = [msg(1), msg(2)];
    expect(mergeMessages(existing, [msg(2)])).toBe(existing);
  });
});

describe('newestSeqOf', () => {
  it('is the highest sequence number, not the last message’s', () => {
    // Sent at once: the second id was numbered first.
    const later = { ...msg(3), id: msg(4).id };
    const earlier = { ...msg(4), id: msg(3).id };
    const list = mergeMessages([msg(1), msg(2)], [later, earlier]);
    expect(list.map((m) => m.seq)).toEqual([1, 2, 4, 3]);
    expect(newestSeqOf(list)).toBe(4);
    expect(newestSeqOf([])).toBe(0);
  });
});

describe('pages', () => {
  it('loads the newest page oldest-first with its cursors', () => {
    const state = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([8, 9, 10], { hasMoreOlder: true, olderCursor: 'o8', newerCursor: 'n10' }),
    });
    expect(seqs(state)).toEqual([8, 9, 10]);
    expect(state).toMatchObject({ olderCursor: 'o8', hasMoreOlder: true, newerCursor: 'n10' });
  });

  it('prepends an older page and takes its older cursor, keeping the newer one', () => {
    const loaded = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([8, 9, 10], { hasMoreOlder: true, olderCursor: 'o8', newerCursor: 'n10' }),
    });
    const state = messagesReducer(loaded, {
      type: 'page',
      kind: 'older',
      page: page([5, 6, 7], { hasMoreOlder: false, olderCursor: null, newerCursor: 'n7' }),
    });
    expect(seqs(state)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(state).toMatchObject({ olderCursor: null, hasMoreOlder: false, newerCursor: 'n10' });
  });

  it('appends a catch-up page, deduplicating what arrived live, and advances the newer cursor', () => {
    let state = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([1, 2], { newerCursor: 'n2' }),
    });
    state = messagesReducer(state, { type: 'received', message: msg(3) });
    state = messagesReducer(state, {
      type: 'page',
      kind: 'newer',
      page: page([3, 4], { hasMoreNewer: false, newerCursor: 'n4', olderCursor: 'o3' }),
    });
    expect(seqs(state)).toEqual([1, 2, 3, 4]);
    expect(state).toMatchObject({ newerCursor: 'n4', olderCursor: null });
  });

  it('keeps the newer cursor when an empty catch-up page has none', () => {
    const loaded = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([1, 2], { newerCursor: 'n2' }),
    });
    const state = messagesReducer(loaded, { type: 'page', kind: 'newer', page: page([]) });
    expect(state.newerCursor).toBe('n2');
    expect(seqs(state)).toEqual([1, 2]);
  });

  it('replaces the run when a newest page leaves a gap after what is loaded', () => {
    const loaded = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([1, 2]),
    });
    const state = messagesReducer(loaded, {
      type: 'page',
      kind: 'newest',
      page: page([60, 61], { hasMoreOlder: true, olderCursor: 'o60', newerCursor: 'n61' }),
    });
    expect(seqs(state)).toEqual([60, 61]);
    expect(state).toMatchObject({ olderCursor: 'o60', hasMoreOlder: true, newerCursor: 'n61' });
  });

  it('merges a newest page that overlaps what is loaded', () => {
    const loaded = messagesReducer(emptyMessages, {
      type: 'page',
      kind: 'newest',
      page: page([3, 4], { hasMoreOlder: true, olderCursor: 'o3' }),
    });
    const state = messagesReducer(loaded, {
      type: 'page',
      kind: 'newest',
      page: page([4, 5, 6], { hasMoreOlder: true, olderCursor: 'o4', newerCursor: 'n6' }),
    });
    expect(seqs(state)).toEqual([3, 4, 5, 6]);
    expect(state).toMatchObject({ olderCursor: 'o3', newerCursor: 'n6' });
  });

  it('keeps live messages that raced the first page', () => {
    let state = messagesReducer(emptyMessages, { type: 'received', message: msg(11) });
    state = messagesReducer(state, {
      type: 'page',
      kind: 'newest',
      page: page([9, 10, 11], { hasMoreOlder: true, olderCursor: 'o9' }),
    });
    expect(seqs(state)).toEqual([9, 10, 11]);
    expect(state).toMatchObject({ olderCursor: 'o9', hasMoreOlder: true });
  });
});

describe('sending', () => {
  it('replaces the optimistic copy when the live event arrives', () => {
    let state = messagesReducer(emptyMessages, { type: 'sending', pending: pending('n1') });
    state = messagesReducer(state, { type: 'received', message: msg(1, { clientNonce: 'n1' }) });
    expect(state.pending).toEqual([]);
    expect(seqs(state)).toEqual([1]);
    // The POST response for the same message then changes nothing.
    const after = messagesReducer(state, {
      type: 'received',
      message: msg(1, { clientNonce: 'n1' }),
    });
    expect(after).toBe(state);
  });

  it('settles a pending send confirmed by a catch-up page', () => {
    let state = messagesReducer(emptyMessages, { type: 'sending', pending: pending('n1') });
    state = messagesReducer(state, { type: 'sending', pending: pending('n2') });
    state = messagesReducer(state, {
      type: 'page',
      kind: 'newer',
      page: { ...page([]), items: [msg(4, { clientNonce: 'n1' })] },
    });
    expect(state.pending.map((p) => p.clientNonce)).toEqual(['n2']);
  });

  it('marks a failed send, retries it, and discards it', () => {
    let state = messagesReducer(emptyMessages, { type: 'sending', pending: pending('n1') });
    state = messagesReducer(state, { type: 'sendFailed', clientNonce: 'n1', error: 'Too long' });
    expect(state.pending[0]).toMatchObject({ status: 'failed', error: 'Too long' });
    state = messagesReducer(state, { type: 'retrying', clientNonce: 'n1' });
    expect(state.pending[0]).toMatchObject({ status: 'sending', error: null });
    state = messagesReducer(state, { type: 'discard', clientNonce: 'n1' });
    expect(state.pending).toEqual([]);
  });

  it('ignores a failure reported after the server already confirmed the send', () => {
    let state = messagesReducer(emptyMessages, { type: 'sending', pending: pending('n1') });
    state = messagesReducer(state, { type: 'received', message: msg(1, { clientNonce: 'n1' }) });
    const after = messagesReducer(state, { type: 'sendFailed', clientNonce: 'n1', error: 'x' });
    expect(after).toBe(state);
  });
});

describe('message changes', () => {
  it('keeps thread replies out of the main list', () => {
    const state = messagesReducer(emptyMessages, { type: 'received', message: msg(1) });
    const reply = msg(2, { threadRootID: msg(1).id });
    expect(messagesReducer(state, { type: 'received', message: reply })).toBe(state);
  });

  it('applies edits and reactions to a loaded message, and ignores unknown ones', () => {
    const state = messagesReducer(emptyMessages, { type: 'received', message: msg(1) });
    const edited = msg(1, { body: 'edited', editedAt: '2024-01-01T00:01:00Z', reactions: { '👍': ['bob'] } });
    const next = messagesReducer(state, { type: 'updated', message: edited });
    expect(next.messages[0]).toEqual(edited);
    expect(messagesReducer(state, { type: 'updated', message: msg(9) })).toBe(state);
  });

  it('keeps a deleted message deleted when an older copy arrives late', () => {
    const state = messagesReducer(emptyMessages, { type: 'received', message: msg(1) });
    const deleted = messagesReducer(state, { type: 'deleted', id: msg(1).id });
    const late = messagesReducer(deleted, { type: 'updated', message: msg(1, { reactions: { '👍': ['bob'] } }) });
    expect(late.messages[0]).toMatchObject({ deleted: true, body: '', reactions: {} });
    // The server's own copy of the deleted message (a reply count on a deleted root) still applies.
    const root = messagesReducer(deleted, { type: 'updated', message: msg(1, { deleted: true, body: '', replyCount: 3 }) });
    expect(root.messages[0]).toMatchObject({ deleted: true, replyCount: 3 });
  });

  it('shows a deleted message as deleted, in its place', () => {
    let state = messagesReducer(emptyMessages, { type: 'received', message: msg(1, { reactions: { '🎉': ['a'] } }) });
    state = messagesReducer(state, { type: 'received', message: msg(2) });
    const next = messagesReducer(state, { type: 'deleted', id: msg(1).id });
    expect(next.messages.map((m) => [m.seq, m.deleted, m.body])).toEqual([
      [1, true, ''],
      [2, false, 'message 2'],
    ]);
    expect(next.messages[0]?.reactions).toEqual({});
  });
});

describe('a window around a linked message', () => {
  const around = page([4, 5, 6], { hasMoreOlder: true, hasMoreNewer: true, olderCursor: 'o4', newerCursor: 'n6' });

  it('replaces what is loaded, and leaves live messages for the pages in between', () => {
    let state = messagesReducer(emptyMessages, { type: 'page', kind: 'newest', page: page([9, 10]) });
    state = messagesReducer(state, { type: 'page', kind: 'around', page: around });
    expect(seqs(state)).toEqual([4, 5, 6]);
    expect(state.hasMoreNewer).toBe(true);
    expect(messagesReducer(state, { type: 'received', message: msg(11) })).toMatchObject({ messages: state.messages });
  });

  it('grows newer pages until it reaches the newest message, then takes live ones again', () => {
    let state = messagesReducer(emptyMessages, { type: 'page', kind: 'around', page: around });
    state = messagesReducer(state, {
      type: 'page',
      kind: 'newer',
      page: page([7, 8], { hasMoreNewer: true, newerCursor: 'n8', olderCursor: 'o7' }),
    });
    expect(state.hasMoreNewer).toBe(true);
    state = messagesReducer(state, { type: 'page', kind: 'newer', page: page([9], { newerCursor: 'n9' }) });
    expect(state.hasMoreNewer).toBe(false);
    state = messagesReducer(state, { type: 'received', message: msg(10) });
    expect(seqs(state)).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });

  it('jumps to the newest page when it does not touch the window', () => {
    let state = messagesReducer(emptyMessages, { type: 'page', kind: 'around', page: around });
    state = messagesReducer(state, {
      type: 'page',
      kind: 'newest',
      page: page([20, 21], { hasMoreOlder: true, olderCursor: 'o20' }),
    });
    expect(seqs(state)).toEqual([20, 21]);
    expect(state.hasMoreNewer).toBe(false);
  });
});
