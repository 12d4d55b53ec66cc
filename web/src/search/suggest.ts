// What the search box suggests for the part being typed: filter names, then their values
// (people, channels, the fixed ones). Pure, so the box only fetches and shows.
import type { UserView } from '../api/types.generated';
import { FILTER_KEYS, isFilterKey, type FilterKey } from './query';

/** The run of text at the caret that a pick replaces (from the last space before the caret). */
export type Token = { start: number; end: number; text: string };

/** The token being typed at `caret`; none inside a quoted phrase. */
export function tokenAt(q: string, caret: number): Token | null {
  const before = q.slice(0, caret);
  // An odd number of quotes before the caret: inside a phrase, where nothing is suggested.
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1) return null;
  const start = before.search(/\S*$/);
  let end = caret;
  while (end < q.length && !/\s/.test(q[end] ?? '')) end++;
  return { start, end, text: q.slice(start, end) };
}

/** A suggestion that rewrites the token. `done`: nothing more to type for it (a space follows). */
export type Completion = {
  id: string;
  label: string;
  detail: string;
  replacement: string;
  done: boolean;
  /** The person or channel it names, for an avatar or a `#`. */
  userId?: string;
};

/** A channel as suggestions need it. */
export type ChannelChoice = { name: string; slug: string };

export type SuggestContext = {
  /** People for `from:` and `in:@`: already matched to what is typed (the server's answer). */
  people: readonly UserView[];
  /** The caller's channels, matched here. */
  channels: readonly ChannelChoice[];
};

const FILTER_HELP: Record<FilterKey, { insert: string; detail: string; done: boolean }> = {
  from: { insert: 'from:', detail: 'Messages by a person', done: false },
  in: { insert: 'in:', detail: 'In a channel or conversation', done: false },
  has: { insert: 'has:', detail: 'With a file, a link or a pin', done: false },
  is: { insert: 'is:thread', detail: 'Replies in threads', done: true },
  before: { insert: 'before:', detail: 'Before a day (YYYY-MM-DD)', done: false },
  after: { insert: 'after:', detail: 'After a day (YYYY-MM-DD)', done: false },
  on: { insert: 'on:', detail: 'On a day (YYYY-MM-DD)', done: false },
  mentions: { insert: 'mentions:@me', detail: 'Messages that mention you', done: true },
};

const VALUES: Partial<Record<FilterKey, { value: string; detail: string }[]>> = {
  has: [
    { value: 'file', detail: 'Messages with files' },
    { value: 'link', detail: 'Messages with links' },
    { value: 'pin', detail: 'Pinned messages' },
  ],
  is: [{ value: 'thread', detail: 'Replies in threads' }],
  mentions: [{ value: '@me', detail: 'Messages that mention you' }],
};

const DAYS = [
  { value: 'today', detail: 'Today' },
  { value: 'yesterday', detail: 'Yesterday' },
];

/** At most this many suggestions for one token. */
export const MAX_COMPLETIONS = 8;

/** The value without its sigil (`@ann` → `ann`), lower case, for matching. */
function bare(value: string, sigil: string): string {
  return (value.startsWith(sigil) ? value.slice(1) : value).toLowerCase();
}

/** Whether a person's handle or name starts with (a word of) what is typed. */
export function personMatches(user: Pick<UserView, 'handle' | 'displayName'>, typed: string): boolean {
  const want = bare(typed, '@');
  if (!want) return true;
  return (
    user.handle.toLowerCase().startsWith(want) ||
    user.displayName
      .toLowerCase()
      .split(/\s+/)
      .some((word) => word.startsWith(want)) ||
    user.displayName.toLowerCase().startsWith(want)
  );
}

export function channelMatches(channel: ChannelChoice, typed: string): boolean {
  const want = bare(typed, '#');
  if (!want) return true;
  return channel.slug.toLowerCase().includes(want) || channel.name.toLowerCase().includes(want);
}

/** What to suggest for the token being typed (empty: nothing to suggest). */
export function completions(token: string, ctx: SuggestContext): Completion[] {
  const colon = token.indexOf(':');
  if (colon < 0) {
    const typed = token.toLowerCase();
    if (typed.startsWith('"') || typed.startsWith('-')) return [];
    return FILTER_KEYS.filter((key) => typed === '' || key.startsWith(typed)).map((key) => ({
      id: `filter-${key}`,
      label: FILTER_HELP[key].insert,
      detail: FILTER_HELP[key].detail,
      replacement: FILTER_HELP[key].insert,
      done: FILTER_HELP[key].done,
    }));
  }
  const key = token.slice(0, colon).toLowerCase();
  if (!isFilterKey(key)) return [];
  const value = token.slice(colon + 1);
  return valueCompletions(key, value, ctx).slice(0, MAX_COMPLETIONS);
}

function valueCompletions(key: FilterKey, value: string, ctx: SuggestContext): Completion[] {
  const fixed = (choices: { value: string; detail: string }[]) =>
    choices
      .filter((c) => c.value.startsWith(value.toLowerCase()) || bare(c.value, '@').startsWith(value.toLowerCase()))
      .map((c) => ({ id: `${key}-${c.value}`, label: `${key}:${c.value}`, detail: c.detail, replacement: `${key}:${c.value}`, done: true }));
  const person = (user: UserView): Completion => ({
    id: `${key}-user-${user.id}`,
    label: `${key}:@${user.handle}`,
    detail: user.displayName,
    replacement: `${key}:@${user.handle}`,
    done: true,
    userId: user.id,
  });
  switch (key) {
    case 'from':
      return ctx.people.map(person);
    case 'in': {
      const channels = value.startsWith('@')
        ? []
        : ctx.channels
            .filter((c) => channelMatches(c, value))
            .map((c) => ({ id: `in-channel-${c.slug}`, label: `in:#${c.slug}`, detail: c.name, replacement: `in:#${c.slug}`, done: true }));
      const people = value.startsWith('#') ? [] : ctx.people.map(person);
      return [...channels, ...people];
    }
    case 'before':
    case 'after':
    case 'on':
      return fixed(DAYS);
    default:
      return fixed(VALUES[key] ?? []);
  }
}

/** The query after picking `completion` for `token`, and where the caret goes. */
export function applyCompletion(q: string, token: Token, completion: Completion): { text: string; caret: number } {
  const after = q.slice(token.end);
  const space = completion.done && !after.startsWith(' ') ? ' ' : '';
  const head = q.slice(0, token.start) + completion.replacement + space;
  return { text: head + after, caret: completion.done && after.startsWith(' ') ? head.length + 1 : head.length };
}

/** What the people search should be asked for a `from:`/`in:` value (null: no people wanted). */
export function peopleQueryFor(token: string): string | null {
  const colon = token.indexOf(':');
  if (colon < 0) return null;
  const key = token.slice(0, colon).toLowerCase();
  const value = token.slice(colon + 1);
  if (key !== 'from' && !(key === 'in' && !value.startsWith('#'))) return null;
  return bare(value, '@');
}
