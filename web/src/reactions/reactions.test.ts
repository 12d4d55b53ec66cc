import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { listNames, reactionChips, reactionError, toggleReaction } from './reactions';

const message = (reactions: Record<string, string[]>): Message =>
  ({ id: 'm', reactions }) as unknown as Message;

describe('reaction chips', () => {
  it('count people, know mine, and name who reacted', () => {
    const names: Record<string, string> = { a: 'Ann', b: 'Bob' };
    const chips = reactionChips(message({ '👍': ['a', 'me', 'b'], '🎉': ['b'], '👀': [] }), 'me', (id) => names[id] ?? id);
    expect(chips).toEqual([
      { emoji: '👍', count: 3, mine: true, who: 'Ann, Bob and you' },
      { emoji: '🎉', count: 1, mine: false, who: 'Bob' },
    ]);
  });

  it('list names the way people write them', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['Ann'])).toBe('Ann');
    expect(listNames(['Ann', 'Bob'])).toBe('Ann and Bob');
  });
});

describe('toggling a reaction', () => {
  it('adds mine once and takes it back, dropping emoji nobody uses', () => {
    const start = { '👍': ['a'] };
    const added = toggleReaction(start, '👍', 'me', true);
    expect(added).toEqual({ '👍': ['a', 'me'] });
    expect(toggleReaction(added, '👍', 'me', true)).toBe(added);
    expect(toggleReaction(added, '👍', 'me', false)).toEqual({ '👍': ['a'] });
    expect(toggleReaction({ '🎉': ['me'] }, '🎉', 'me', false)).toEqual({});
    expect(toggleReaction(start, '🎉', 'me', true)).toEqual({ '👍': ['a'], '🎉': ['me'] });
    expect(start).toEqual({ '👍': ['a'] });
  });

  it('explains the limit on distinct reactions', () => {
    expect(reactionError('too_many_reactions', 'x')).toMatch(/at most 16/);
    expect(reactionError('not_allowed', 'Not allowed')).toBe('Not allowed');
  });
});
