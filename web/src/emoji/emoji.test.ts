import { describe, expect, it } from 'vitest';
import { emojiForShortcode, normaliseEmoji, searchEmoji, type EmojiEntry } from './emoji';
import { buildEntries, loadEmoji } from './emojiData';

const entry = (emoji: string, name: string, shortcodes: string[], tags: string[] = []): EmojiEntry => ({
  emoji,
  name,
  shortcodes,
  tags,
  group: 0,
});

const entries = [
  entry('😄', 'grinning face with smiling eyes', ['smile']),
  entry('👍', 'thumbs up', ['+1', 'thumbsup'], ['like']),
  entry('😂', 'face with tears of joy', ['joy']),
  entry('🙂', 'slightly smiling face', ['slightly_smiling_face']),
  entry('🐶', 'dog face', ['dog'], ['pet']),
];

describe('emoji search', () => {
  it('puts exact shortcodes first, then prefixes, then names and tags', () => {
    expect(searchEmoji(entries, 'smil').map((e) => e.emoji)).toEqual(['😄', '🙂']);
    expect(searchEmoji(entries, 'smile').map((e) => e.emoji)).toEqual(['😄']);
    expect(searchEmoji(entries, 'thumb').map((e) => e.emoji)).toEqual(['👍']);
    expect(searchEmoji(entries, 'like').map((e) => e.emoji)).toEqual(['👍']);
    expect(searchEmoji(entries, ':joy:').map((e) => e.emoji)).toEqual(['😂']);
    expect(searchEmoji(entries, 'pet').map((e) => e.emoji)).toEqual(['🐶']);
    expect(searchEmoji(entries, '')).toEqual([]);
    expect(searchEmoji(entries, 'zzz')).toEqual([]);
  });

  it('caps the number of results', () => {
    expect(searchEmoji(entries, 'face', 2)).toHaveLength(2);
  });

  it('finds an emoji by shortcode', () => {
    expect(emojiForShortcode(entries, 'THUMBSUP')).toBe('👍');
    expect(emojiForShortcode(entries, 'nope')).toBeNull();
  });
});

describe('emoji spelling', () => {
  it('drops the presentation selector only where the emoji does not need it', () => {
    expect(normaliseEmoji('👍\uFE0F')).toBe('👍');
    expect(normaliseEmoji('❤\uFE0F')).toBe('❤\uFE0F');
    expect(normaliseEmoji('👍🏽')).toBe('👍🏽');
  });
});

describe('emoji data', () => {
  it('keeps grouped emoji in order with their shortcodes', () => {
    const built = buildEntries(
      [
        { hexcode: '1F1E6', label: 'regional indicator A', unicode: '🇦' },
        { hexcode: '1F44D', label: 'thumbs up', unicode: '👍\uFE0F', group: 1, order: 2, tags: ['like'] },
        { hexcode: '1F600', label: 'grinning face', unicode: '😀', group: 0, order: 1 },
      ],
      { '1F44D': ['+1', 'thumbsup'], '1F600': 'grinning' },
    );
    expect(built.map((e) => [e.emoji, e.shortcodes])).toEqual([
      ['😀', ['grinning']],
      ['👍', ['+1', 'thumbsup']],
    ]);
  });

  it('loads the real data set with Slack-style shortcodes', async () => {
    const all = await loadEmoji();
    expect(all.length).toBeGreaterThan(1500);
    expect(emojiForShortcode(all, 'thumbsup')).toBe('👍');
    expect(emojiForShortcode(all, 'tada')).toBe('🎉');
    expect(searchEmoji(all, 'heart')[0]?.emoji).toBe('❤\uFE0F');
  });
});
