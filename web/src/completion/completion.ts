/**
 * Completion in the composer: `@` for people (and @all, @here), `:` for emoji shortcodes, `~`
 * for channels (written `~slug`, which the Markdown renderer links). Pure text logic: what is
 * being completed at the caret, and the text once an option is picked.
 */

export type TriggerKind = 'mention' | 'emoji' | 'channel';

export type Trigger = {
  kind: TriggerKind;
  /** What was typed after the `@`, `:` or `~`. */
  query: string;
  /** Where the `@`, `:` or `~` is. */
  start: number;
};

const MENTION_CHARS = /[\p{L}\p{N}._-]/u;
const EMOJI_CHARS = /[a-z0-9_+-]/i;
/** What a channel's slug is made of (`team-news`); typed in any case, matched lower-cased. */
const CHANNEL_CHARS = /[a-z0-9-]/i;
/** Emoji completion starts after this many letters (":)" and times like 10:30 stay quiet). */
export const EMOJI_MIN_QUERY = 2;

/** The token being typed at `caret`, if it is a mention or a shortcode. */
export function findTrigger(text: string, caret: number): Trigger | null {
  let i = caret;
  while (i > 0) {
    const char = text[i - 1] ?? '';
    if (char === '@' || char === ':' || char === '~') break;
    if (!MENTION_CHARS.test(char) && !EMOJI_CHARS.test(char)) return null;
    i--;
  }
  if (i === 0) return null;
  const sigil = text[i - 1];
  const before = i >= 2 ? (text[i - 2] ?? '') : '';
  // Starts a word: not part of an email address or a time.
  if (before && !/[\s([{"'>]/.test(before)) return null;
  const query = text.slice(i, caret);
  if (sigil === '@') {
    return [...query].every((c) => MENTION_CHARS.test(c)) ? { kind: 'mention', query, start: i - 1 } : null;
  }
  if (sigil === '~') {
    return [...query].every((c) => CHANNEL_CHARS.test(c)) ? { kind: 'channel', query, start: i - 1 } : null;
  }
  if (query.length < EMOJI_MIN_QUERY || ![...query].every((c) => EMOJI_CHARS.test(c))) return null;
  return { kind: 'emoji', query, start: i - 1 };
}

/** The text with the trigger (up to the caret) replaced by `insert`, and where the caret goes. */
export function applyCompletion(
  text: string,
  trigger: Trigger,
  caret: number,
  insert: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const spaced = after.startsWith(' ') ? insert.trimEnd() : insert;
  const next = text.slice(0, trigger.start) + spaced + after;
  return { text: next, caret: trigger.start + spaced.length + (spaced === insert ? 0 : 1) };
}

export type MentionPerson = { id: string; displayName: string; handle: string };

export type MentionOption =
  | { kind: 'person'; person: MentionPerson }
  | { kind: 'group'; handle: 'all' | 'here'; description: string };

const GROUPS: { handle: 'all' | 'here'; description: string }[] = [
  { handle: 'here', description: 'Notify everyone here who is online' },
  { handle: 'all', description: 'Notify everyone here' },
];

/**
 * The people (and groups) matching what follows `@`: by handle or by any word of the name,
 * case-insensitively; those whose handle or name starts with it first. `me` is left out.
 */
export function mentionOptions(
  people: readonly MentionPerson[],
  query: string,
  { groups, me, limit = 8 }: { groups: boolean; me: string; limit?: number },
): MentionOption[] {
  const q = query.toLowerCase();
  const ranked = people
    .filter((p) => p.id !== me)
    .map((p) => ({ p, rank: rankPerson(p, q) }))
    .filter((r): r is { p: MentionPerson; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.p.displayName.localeCompare(b.p.displayName));
  const seen = new Set<string>();
  const options: MentionOption[] = [];
  for (const { p } of ranked) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    options.push({ kind: 'person', person: p });
  }
  const groupOptions: MentionOption[] = groups
    ? GROUPS.filter((g) => g.handle.startsWith(q)).map((g) => ({ kind: 'group', ...g }))
    : [];
  return [...options.slice(0, limit - groupOptions.length), ...groupOptions];
}

function rankPerson(person: MentionPerson, q: string): number | null {
  if (!q) return 1;
  const handle = person.handle.toLowerCase();
  const name = person.displayName.toLowerCase();
  if (handle.startsWith(q) || name.startsWith(q)) return 0;
  if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
  if (handle.includes(q) || name.includes(q)) return 2;
  return null;
}

/** What picking an option writes into the message. */
export function mentionText(option: MentionOption): string {
  return option.kind === 'group' ? `@${option.handle} ` : `@${option.person.handle} `;
}

/** A shortcode just closed at the caret (`:tada:`), to swap for its emoji. */
export function closedShortcode(text: string, caret: number): { start: number; code: string } | null {
  const match = /(?:^|[\s([{"'>]):([a-z0-9_+-]{2,}):$/i.exec(text.slice(0, caret));
  if (!match?.[1]) return null;
  return { start: caret - match[1].length - 2, code: match[1] };
}

export type ChannelChoice = { id: string; name: string; slug: string };

/**
 * The channels matching what follows `~`: by slug or name, those starting with it first, then
 * those with a word (after `-`) starting with it, then any containing it; alphabetical within.
 */
export function channelOptions(channels: readonly ChannelChoice[], query: string, limit = 8): ChannelChoice[] {
  const q = query.toLowerCase();
  const rank = (c: ChannelChoice): number | null => {
    const slug = c.slug.toLowerCase();
    if (!q || slug.startsWith(q) || c.name.toLowerCase().startsWith(q)) return 0;
    if (slug.split('-').some((w) => w.startsWith(q))) return 1;
    if (slug.includes(q)) return 2;
    return null;
  };
  return channels
    .map((c) => ({ c, r: rank(c) }))
    .filter((x): x is { c: ChannelChoice; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.c.slug.localeCompare(b.c.slug))
    .slice(0, limit)
    .map((x) => x.c);
}

/** What picking a channel writes: `~slug `, which shows as a link to it. */
export function channelText(channel: ChannelChoice): string {
  return `~${channel.slug} `;
}
