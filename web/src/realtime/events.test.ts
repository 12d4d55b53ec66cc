import { describe, expect, it } from 'vitest';
import { parseFrame } from './events';

const parseServerEvent = (raw: unknown) => parseFrame(raw)?.event ?? null;

describe('parseServerEvent', () => {
  it('reads the sidebar and membership events', () => {
    for (const type of [
      'channel.updated',
      'conversation.updated',
      'members.changed',
      'sidebar.channel',
      'sidebar.conversation',
      'sidebar.removed',
      'sidebar.membership',
    ]) {
      expect(parseServerEvent(JSON.stringify({ type, data: { id: 'x' } }))?.type).toBe(type);
    }
  });

  it('reads sidebar.categories, whose data is a list', () => {
    const event = parseServerEvent(JSON.stringify({ type: 'sidebar.categories', data: [] }));
    expect(event).toEqual({ type: 'sidebar.categories', data: [] });
  });

  it('ignores unknown types and malformed frames', () => {
    expect(parseServerEvent(JSON.stringify({ type: 'typing.start', data: {} }))).toBeNull();
    expect(parseServerEvent('{not json')).toBeNull();
    expect(parseServerEvent(JSON.stringify({ type: 'message.new', data: null }))).toBeNull();
  });

  it('reads the number a pushed event carries, and none from an answer', () => {
    expect(parseFrame(JSON.stringify({ seq: 7, type: 'message.new', data: { id: 'x' } }))?.seq).toBe(7);
    expect(parseFrame(JSON.stringify({ type: 'pong', data: { ts: 1, seq: 3 } }))?.seq).toBeNull();
    expect(parseFrame(JSON.stringify({ seq: 'x', type: 'pong', data: { ts: 1 } }))?.seq).toBeNull();
  });
});
