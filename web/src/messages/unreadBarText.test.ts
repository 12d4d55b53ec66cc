import { describe, expect, it } from 'vitest';
import { newestSeqOf } from './messageStore';
import { msg } from './testMessages';
import { unreadBarText, unreadCountAt } from './unreadBarText';

describe('the unread bar', () => {
  it('counts what was new on opening, not the reader’s own, nor what came after', () => {
    const list = [msg(1), msg(2), msg(3, { authorID: 'me' }), msg(4), msg(5)];
    expect(unreadCountAt(list, { lastReadSeq: 1, newestSeq: 5 }, 'me')).toBe(3);
    expect(unreadCountAt(list, { lastReadSeq: 1, newestSeq: 4 }, 'me')).toBe(2);
    expect(unreadCountAt(list, { lastReadSeq: 5, newestSeq: 5 }, 'me')).toBe(0);
    expect(unreadCountAt(list, null, 'me')).toBe(0);
  });

  it('counts the unread messages not loaded yet by their sequence numbers', () => {
    // Read up to 10, newest 300, loaded from 201: 100 more before the run.
    const list = Array.from({ length: 100 }, (_, i) => msg(201 + i));
    expect(unreadCountAt(list, { lastReadSeq: 100, newestSeq: 300 }, 'me')).toBe(200);
    expect(unreadCountAt([], { lastReadSeq: 2, newestSeq: 9 }, 'me')).toBe(7);
  });

  it('counts them all when messages sent at once were numbered out of id order', () => {
    // 2..5 unread; the newest by id is numbered 4, the one before it 5.
    const list = [msg(1), msg(2), msg(3), { ...msg(5), id: msg(4).id }, { ...msg(4), id: msg(5).id }];
    expect(unreadCountAt(list, { lastReadSeq: 1, newestSeq: newestSeqOf(list) }, 'me')).toBe(4);
  });

  it('says how many and since when', () => {
    const now = new Date(2024, 0, 1, 18, 0);
    const at = new Date(2024, 0, 1, 10, 42).toISOString();
    expect(unreadBarText(1, at, now)).toMatch(/^1 new message since 10:42/);
    expect(unreadBarText(300, at, now)).toMatch(/^300 new messages since 10:42/);
    expect(unreadBarText(2, null, now)).toBe('2 new messages');
    // Another day: the date too.
    expect(unreadBarText(2, new Date(2023, 11, 30, 9, 5).toISOString(), now)).toMatch(/Dec 30/);
  });
});
