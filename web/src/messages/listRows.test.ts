import { describe, expect, it } from 'vitest';
import { DIVIDER_KEY, listRows, nextFocusableRow, rowIndexOfMessage, TOP_KEY } from './listRows';
import type { PendingMessage } from './messageStore';
import { msg } from './testMessages';

const pending: PendingMessage = {
  clientNonce: 'n1',
  body: 'on its way',
  files: [],
  createdAt: '2024-01-01T00:01:00Z',
  status: 'sending',
  error: null,
};

describe('the list’s rows', () => {
  it('are the top, the messages with the line before the first unread, then the sends', () => {
    const rows = listRows([msg(1), msg(2), msg(3)], [pending], msg(2).id);
    expect(rows.map((r) => r.key)).toEqual([TOP_KEY, msg(1).id, DIVIDER_KEY, msg(2).id, msg(3).id, 'nonce:n1']);
  });

  it('group one person’s messages, but not across the line or a system line', () => {
    const rows = listRows([msg(1), msg(2), msg(3), msg(4, { system: { action: 'joined', targetID: null } }), msg(5)], [], msg(3).id);
    const compact = rows.flatMap((r) => (r.kind === 'message' ? [r.compact] : []));
    expect(compact).toEqual([false, true, false, false, false]);
  });

  it('find a message by id', () => {
    const rows = listRows([msg(1), msg(2)], [], null);
    expect(rowIndexOfMessage(rows, msg(2).id)).toBe(2);
    expect(rowIndexOfMessage(rows, 'nope')).toBe(-1);
  });
});

describe('moving between messages with the arrow keys (roving tab stop)', () => {
  const rows = listRows([msg(1), msg(2), msg(3)], [pending], msg(2).id);
  // 0 top, 1 m1, 2 divider, 3 m2, 4 m3, 5 pending

  it('skips the top and the line', () => {
    expect(nextFocusableRow(rows, 1, 'next')).toBe(3);
    expect(nextFocusableRow(rows, 3, 'previous')).toBe(1);
    expect(nextFocusableRow(rows, 4, 'next')).toBe(5);
  });

  it('stays put at either end, and jumps to the first or last', () => {
    expect(nextFocusableRow(rows, 1, 'previous')).toBe(1);
    expect(nextFocusableRow(rows, 5, 'next')).toBe(5);
    expect(nextFocusableRow(rows, 3, 'first')).toBe(1);
    expect(nextFocusableRow(rows, 1, 'last')).toBe(5);
  });
});
