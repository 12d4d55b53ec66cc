import { useEffect, useState } from 'react';
import { normaliseEmoji, type EmojiEntry } from './emoji';

/** emojibase's compact entry, the fields used here. */
export type CompactEmoji = {
  label: string;
  unicode: string;
  group?: number;
  order?: number;
  tags?: string[];
};

/** emojibase's shortcodes file: hexcode → one shortcode or several. */
export type Shortcodes = Record<string, string | string[]>;

/**
 * Turns emojibase's data into our entries: regional indicators and skin-tone components (no
 * group) are left out; shortcodes come from the Slack-style set, keyed by hexcode.
 */
export function buildEntries(
  compact: readonly (CompactEmoji & { hexcode: string })[],
  shortcodes: Shortcodes,
): EmojiEntry[] {
  return compact
    .filter((e) => e.group !== undefined && e.group !== 2)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e) => {
      const codes = shortcodes[e.hexcode];
      return {
        emoji: normaliseEmoji(e.unicode),
        name: e.label,
        shortcodes: codes === undefined ? [] : Array.isArray(codes) ? codes : [codes],
        tags: e.tags ?? [],
        group: e.group ?? 0,
      };
    });
}

let loading: Promise<EmojiEntry[]> | null = null;

/** The emoji, loaded once (a separate chunk: most pages never need it). */
export function loadEmoji(): Promise<EmojiEntry[]> {
  loading ??= Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/shortcodes/iamcal.json'),
  ]).then(
    ([compact, shortcodes]) => buildEntries(compact.default, shortcodes.default),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The emoji once loaded (null until then); `enabled` false does not start loading. */
export function useEmojiData(enabled = true): EmojiEntry[] | null {
  const [entries, setEntries] = useState<EmojiEntry[] | null>(null);
  useEffect(() => {
    if (!enabled || entries) return;
    let cancelled = false;
    loadEmoji().then(
      (loaded) => !cancelled && setEntries(loaded),
      () => {
        // Without the data the picker shows the quick reactions only.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [enabled, entries]);
  return entries;
}
