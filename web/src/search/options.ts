// The list under the search box, in order: ways to finish the filter being typed, running the
// search, then people and channels matching the words, to open directly.
import type { Channel, UserView } from '../api/types.generated';
import { freeText, terms } from './query';
import { completions, peopleQueryFor, personMatches, type ChannelChoice, type Completion, type Token } from './suggest';

export type SearchOption =
  | { kind: 'complete'; id: string; completion: Completion }
  | { kind: 'search'; id: string; text: string }
  | { kind: 'person'; id: string; user: UserView }
  | { kind: 'channel'; id: string; channel: Channel };

/** People and channels shown to open directly, at most this many of each. */
export const QUICK_MATCHES_MAX = 4;

/** What the server is asked for, given the text and the token at the caret. */
export function suggestionQueries(text: string, token: Token | null): { people: string; channels: string } {
  const person = token ? peopleQueryFor(token.text) : null;
  if (person !== null) return { people: person, channels: '' };
  if (isFilter(token)) return { people: '', channels: '' };
  const words = freeText(text);
  return { people: words, channels: words };
}

export type OptionSources = {
  /** The caller's channels (the sidebar), for `in:#`. */
  myChannels: readonly ChannelChoice[];
  /** People the app already knows (direct messages), while the server's answer is on its way. */
  knownPeople: readonly UserView[];
  /** The server's people for `suggestionQueries().people`. */
  people: readonly UserView[];
  /** The server's channels for `suggestionQueries().channels`. */
  channels: readonly Channel[];
};

export function buildOptions(text: string, token: Token | null, sources: OptionSources): SearchOption[] {
  const options: SearchOption[] = [];
  const person = token ? peopleQueryFor(token.text) : null;
  if (token) {
    const known = sources.knownPeople.filter((u) => personMatches(u, person ?? ''));
    const people = uniqueById([...sources.people, ...known]);
    for (const completion of completions(token.text, { people, channels: sources.myChannels })) {
      options.push({ kind: 'complete', id: completion.id, completion });
    }
  }
  const q = text.trim();
  if (q) options.push({ kind: 'search', id: 'search', text: q });
  // While a filter is being finished, its own values are what matter.
  if (!isFilter(token) && freeText(text)) {
    for (const user of sources.people.slice(0, QUICK_MATCHES_MAX)) options.push({ kind: 'person', id: `person-${user.id}`, user });
    for (const channel of sources.channels.slice(0, QUICK_MATCHES_MAX))
      options.push({ kind: 'channel', id: `channel-${channel.id}`, channel });
  }
  return options;
}

/** Whether the token at the caret is a filter (`from:…`), not a word. */
function isFilter(token: Token | null): boolean {
  return token !== null && terms(token.text)[0]?.kind === 'filter';
}

function uniqueById(users: UserView[]): UserView[] {
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.id) && seen.add(u.id));
}
