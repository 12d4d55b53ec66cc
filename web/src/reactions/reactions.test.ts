import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { listNames, reactionChips } from './reactions';

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
