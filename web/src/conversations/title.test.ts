import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types.generated';
import { conversationTitle, listNames } from './title';

const names: Record<string, string> = { me: 'Me', ann: 'Ann', bob: 'Bob', cy: 'Cy' };
const nameOf = (id: string) => names[id] ?? '…';

const conversation = (kind: Conversation['kind'], participantIDs: string[], name: string | null = null): Conversation => ({
  id: 'c1',
  kind,
  name,
  participantIDs,
  createdBy: 'me',
  createdAt: '2024-01-01T00:00:00Z',
  lastSeq: 0,
  lastMessageAt: null,
});

describe('conversationTitle', () => {
  it('uses a group’s name', () => {
    expect(conversationTitle(conversation('group', ['me', 'ann', 'bob'], 'Launch'), 'me', nameOf)).toBe('Launch');
  });

  it('lists the other people otherwise', () => {
    expect(conversationTitle(conversation('direct', ['ann', 'me']), 'me', nameOf)).toBe('Ann');
    expect(conversationTitle(conversation('group', ['me', 'ann', 'bob', 'cy'], '  '), 'me', nameOf)).toBe(
      'Ann, Bob and Cy',
    );
  });

  it('calls notes "Notes to self"', () => {
    expect(conversationTitle(conversation('notes', ['me']), 'me', nameOf)).toBe('Notes to self');
  });

  it('joins names naturally', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['Ann', 'Bob'])).toBe('Ann and Bob');
  });
});
