import { describe, expect, it } from 'vitest';
import type { EmojiEntry } from './emoji';
import { hasShortcode, replaceShortcodes, shortcodeLookup } from './shortcodes';

const ENTRIES: EmojiEntry[] = [
  { emoji: '🎉', name: 'party popper', shortcodes: ['tada'], tags: [], group: 7 },
  { emoji: '👍', name: 'thumbs up', shortcodes: ['+1', 'thumbsup'], tags: [], group: 1 },
  { emoji: '😄', name: 'grinning face with smiling eyes', shortcodes: ['smile'], tags: [], group: 0 },
];
const emojify = (text: string) => replaceShortcodes(text, shortcodeLookup(ENTRIES));

describe('shortcodes on send', () => {
  it('turns known shortcodes into their emoji', () => {
    expect(emojify(':tada:')).toBe('🎉');
    expect(emojify('Shipped :tada: :+1: and :thumbsup:!')).toBe('Shipped 🎉 👍 and 👍!');
    expect(emojify(':tada::smile:')).toBe('🎉😄');
    expect(emojify('(:smile:)\n:TADA:')).toBe('(😄)\n🎉');
  });

  it('leaves unknown shortcodes and look-alikes as typed', () => {
    expect(emojify(':nosuchemoji: :tada')).toBe(':nosuchemoji: :tada');
    expect(emojify('at 10:30:45 and a:tada:b')).toBe('at 10:30:45 and a:tada:b');
    expect(emojify('::')).toBe('::');
  });

  it('leaves code and addresses alone', () => {
    expect(emojify('`:tada:` :tada:')).toBe('`:tada:` 🎉');
    expect(emojify('```\nlet a = ":tada:";\n```\n:tada:')).toBe('```\nlet a = ":tada:";\n```\n🎉');
    expect(emojify('```\nnever closed :tada:')).toBe('```\nnever closed :tada:');
    expect(emojify('see https://example.com/:tada:/x :tada:')).toBe('see https://example.com/:tada:/x 🎉');
  });

  it('says whether a text is worth loading the emoji for', () => {
    expect(hasShortcode('hello')).toBe(false);
    expect(hasShortcode('at 10:30:45')).toBe(false);
    expect(hasShortcode('`:tada:` https://a.example/:x:')).toBe(false);
    expect(hasShortcode('yay :tada:')).toBe(true);
  });
});
