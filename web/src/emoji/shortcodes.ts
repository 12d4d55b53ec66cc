// `:tada:` written in a message becomes 🎉 when it is sent (or an edit saved): everywhere but in
// code (spans and fenced blocks) and web addresses, where colons mean something else. Unknown
// shortcodes stay as typed.
import type { EmojiEntry } from './emoji';
import { loadEmoji } from './emojiData';

/** Where a `:code:` is left alone: fenced blocks (closed or not), code spans, addresses. */
const PROTECTED = /```[\s\S]*?(?:```|$)|`[^`\n]+`|\b[a-z][a-z0-9+.-]*:\/\/[^\s<>]+/gi;
/** A shortcode not glued to a word on either side ("10:30:45" is a time, not `:30:`). */
const SHORTCODE = /(?<![\w])(:[a-z0-9_+-]+:)(?![\w])/gi;

/** Whether `text` may hold a shortcode outside code and addresses (worth loading the emoji). */
export function hasShortcode(text: string): boolean {
  return splitProtected(text).some((part) => !part.kept && new RegExp(SHORTCODE.source, 'i').test(part.text));
}

/** `text` with each known `:code:` outside code and addresses replaced by its emoji. */
export function replaceShortcodes(text: string, emojiFor: (code: string) => string | null): string {
  return splitProtected(text)
    .map((part) =>
      part.kept ? part.text : part.text.replace(SHORTCODE, (whole: string) => emojiFor(whole.slice(1, -1)) ?? whole),
    )
    .join('');
}

/** A lookup from shortcode (without colons, any case) to emoji. */
export function shortcodeLookup(entries: readonly EmojiEntry[]): (code: string) => string | null {
  const byCode = new Map<string, string>();
  for (const entry of entries) for (const code of entry.shortcodes) if (!byCode.has(code)) byCode.set(code, entry.emoji);
  return (code) => byCode.get(code.toLowerCase()) ?? null;
}

let lookup: ((code: string) => string | null) | null = null;

/**
 * `text` with its shortcodes replaced, loading the emoji data the first time a message holds
 * one; a text without any is given back at once, and so is the text as typed if loading fails.
 */
export async function emojifyForSend(text: string): Promise<string> {
  if (!hasShortcode(text)) return text;
  try {
    lookup ??= shortcodeLookup(await loadEmoji());
  } catch {
    return text;
  }
  return replaceShortcodes(text, lookup);
}

/** The same, without waiting: null when the text holds a shortcode and the data is not loaded yet. */
export function emojifyNow(text: string): string | null {
  if (!hasShortcode(text)) return text;
  return lookup ? replaceShortcodes(text, lookup) : null;
}

type Part = { text: string; kept: boolean };

function splitProtected(text: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const match of text.matchAll(PROTECTED)) {
    const start = match.index;
    if (start > at) parts.push({ text: text.slice(at, start), kept: false });
    parts.push({ text: match[0], kept: true });
    at = start + match[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), kept: false });
  return parts;
}
