import { describe, expect, it } from 'vitest';
import { shouldSendTyping, stillTyping, typingText } from './typing';

describe('typing', () => {
  it('words who is typing', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Ann'])).toBe('Ann is typing…');
    expect(typingText(['Ann', 'Bob'])).toBe('Ann and Bob are typing…');
    expect(typingText(['Ann', 'Bob', 'Cy'])).toBe('Several people are typing…');
  });

  it('forgets people a few seconds after their last keystroke', () => {
    const seen = new Map([
      ['ann', 1_000],
      ['bob', 4_000],
    ]);
    expect(stillTyping(seen, 5_000)).toEqual(['ann', 'bob']);
    expect(stillTyping(seen, 6_500)).toEqual(['bob']);
    expect(stillTyping(seen, 10_000)).toEqual([]);
  });

  it('sends at most one frame every few seconds', () => {
    expect(shouldSendTyping(null, 0)).toBe(true);
    expect(shouldSendTyping(1_000, 2_000)).toBe(false);
    expect(shouldSendTyping(1_000, 4_000)).toBe(true);
  });
});
