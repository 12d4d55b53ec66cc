import { describe, expect, it } from 'vitest';
import type { Message, ServerEvent } from '../api/types.generated';
import { markRead, unreadAfterEvent } from './unread';

function newMessage(parentID: string, extra: Partial<Message> = {}): ServerEvent {
  return {
    type: 'message.new',
    data: {
      id: '01HMSG00000000000000000001',
      parentID,
      parentType: 'channel',
      authorID: 'bob',
      body: 'hi',
      seq: 1,
      createdAt: '2024-01-01T00:00:00Z',
      clientNonce: null,
      ...extra,
    },
  };
}

describe('unreadAfterEvent', () => {
  const none: ReadonlySet<string> = new Set();

  it('marks another channel unread', () => {
    expect([...unreadAfterEvent(none, newMessage('random'), 'general', 'alice')]).toEqual(['random']);
  });

  it('leaves the open channel, my own messages, other parents and other events alone', () => {
    expect(unreadAfterEvent(none, newMessage('general'), 'general', 'alice')).toBe(none);
    expect(unreadAfterEvent(none, newMessage('random', { authorID: 'alice' }), 'general', 'alice')).toBe(none);
    expect(
      unreadAfterEvent(none, newMessage('dm1', { parentType: 'conversation' }), 'general', 'alice'),
    ).toBe(none);
    expect(unreadAfterEvent(none, { type: 'pong', data: { ts: 1 } }, 'general', 'alice')).toBe(none);
  });

  it('clears a channel when it is opened', () => {
    const unread = unreadAfterEvent(none, newMessage('random'), 'general', 'alice');
    expect(markRead(unread, 'random').size).toBe(0);
    expect(markRead(unread, 'general')).toBe(unread);
  });
});
