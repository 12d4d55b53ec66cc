/**
 * Emoji: the entries the picker and `:shortcode:` completion offer, and how they are searched.
 * The data (emojibase) is loaded on first use, see `emojiData.ts`.
 */

export type EmojiEntry = {
  /** The character(s), as sent in a message body or a reaction. */
  emoji: string;
  /** "thumbs up". */
  name: string;
  /** Without colons, most familiar first: "+1", "thumbsup". */
  shortcodes: string[];
  tags: string[];
  /** The picker's tab (0 smileys, 1 people, ...). */
  group: number;
};

export type EmojiGroup = { id: number; label: string; icon: string };

/** The picker's tabs, in emojibase's group numbers (2, skin tone components, is left out). */
export const EMOJI_GROUPS: EmojiGroup[] = [
  { id: 0, label: 'Smileys', icon: '😀' },
  { id: 1, label: 'People', icon: '👋' },
  { id: 3, label: 'Animals and nature', icon: '🐻' },
  { id: 4, label: 'Food and drink', icon: '🍔' },
  { id: 5, label: 'Travel and places', icon: '🚗' },
  { id: 6, label: 'Activities', icon: '⚽' },
  { id: 7, label: 'Objects', icon: '💡' },
  { id: 8, label: 'Symbols', icon: '❤️' },
  { id: 9, label: 'Flags', icon: '🏁' },
];

const VARIATION_SELECTOR = '\uFE0F';

/**
 * One spelling per emoji, so two people's reactions land on the same chip: the emoji
 * presentation selector is dropped after characters that are emoji by default (U+1F000 and up),
 * and kept where it matters (❤️, ☀️).
 */
export function normaliseEmoji(emoji: string): string {
  let out = '';
  let previous = 0;
  for (const char of emoji) {
    const code = char.codePointAt(0) ?? 0;
    if (char === VARIATION_SELECTOR && previous >= 0x1f000) continue;
    out += char;
    previous = code;
  }
  return out;
}

/**
 * Entries matching `query` (a shortcode or a word), best first: a shortcode equal to the query,
 * then shortcodes starting with it, then names and tags starting with it, then shortcodes and
 * names containing it. An empty query matches nothing.
 */
export function searchEmoji(entries: readonly EmojiEntry[], query: string, limit = 8): EmojiEntry[] {
  const q = query.trim().toLowerCase().replace(/^:|:$/g, '');
  if (!q) return [];
  const ranked: { entry: EmojiEntry; rank: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const rank = rankEntry(entry, q);
    if (rank !== null) ranked.push({ entry, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.entry);
}

function rankEntry(entry: EmojiEntry, q: string): number | null {
  if (entry.shortcodes.includes(q)) return 0;
  if (entry.shortcodes.some((s) => s.startsWith(q))) return 1;
  const words = entry.name.toLowerCase().split(/[\s:,-]+/);
  if (entry.name.toLowerCase().startsWith(q) || words.some((w) => w.startsWith(q))) return 2;
  if (entry.tags.some((t) => t.startsWith(q))) return 3;
  if (entry.shortcodes.some((s) => s.includes(q)) || entry.name.toLowerCase().includes(q)) return 4;
  return null;
}

/** The emoji written as `:code:`, if the code is known. */
export function emojiForShortcode(entries: readonly EmojiEntry[], code: string): string | null {
  const q = code.toLowerCase();
  return entries.find((e) => e.shortcodes.includes(q))?.emoji ?? null;
}

/** The main shortcode to show for an emoji (`:+1:`), or its name. */
export function emojiLabel(entry: EmojiEntry): string {
  const code = entry.shortcodes[0];
  return code ? `:${code}:` : entry.name;
}
