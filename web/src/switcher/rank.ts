// What the quick switcher lists for what is typed: the user's channels and conversations (the
// sidebar's rows), people (their direct message opens), and public channels not joined yet.
import type { Channel, UserView } from '../api/types.generated';
import type { SidebarRow } from '../sidebar/sections';
import { fuzzyMatch } from './fuzzy';
import { RECENT_MAX } from './recent';

export type SwitcherItem =
  | { kind: 'row'; key: string; title: string; row: SidebarRow }
  | { kind: 'person'; key: string; title: string; user: UserView }
  | { kind: 'channel'; key: string; title: string; channel: Channel };

export type RankedItem = {
  item: SwitcherItem;
  /** Matched letters of `item.title`, for highlighting (empty when matched another way). */
  indices: number[];
};

export type RankInput = {
  rows: readonly SidebarRow[];
  people: readonly UserView[];
  channels: readonly Channel[];
  /** Opened lately, newest first. */
  recent: readonly string[];
  /** The channel or conversation on screen: with nothing typed it is not offered first. */
  openID?: string | null;
  me: string;
};

export const SWITCHER_LIMIT = 12;

/** A recent row counts for this much more per place nearer the front. */
const RECENT_WEIGHT = 1.5;
/** Own rows come before people and channels one is not in, at equal match. */
const OWN_BONUS = 4;
const ARCHIVED_PENALTY = 10;
const SERVER_MATCH_SCORE = -100;

/** Strips what a person types out of habit before a name (`#general`, `@ann`). */
export function cleanQuery(query: string): string {
  return query.replace(/[#@~]/g, '').trim();
}

/**
 * The items for `query`, best first, at most `limit`. With nothing typed: the rows opened lately,
 * newest first (the open one aside), then unread ones, then the others by latest activity. With a query: items whose
 * name matches it fuzzily, by match, with recent rows raised.
 */
export function rankItems(query: string, input: RankInput, limit: number = SWITCHER_LIMIT): RankedItem[] {
  const q = cleanQuery(query);
  const recency = new Map(input.recent.map((id, i) => [id, i]));
  const items = candidates(input);

  if (!q) {
    // The one before comes first: Ctrl-K then Enter goes back to it.
    if (input.openID) recency.delete(input.openID);
    const rows = items.filter((item): item is Extract<SwitcherItem, { kind: 'row' }> => item.kind === 'row');
    return rows
      .sort((a, b) => byRecentThenActivity(a.row, b.row, recency))
      .slice(0, limit)
      .map((item) => ({ item, indices: [] }));
  }

  const scored: { ranked: RankedItem; score: number }[] = [];
  for (const item of items) {
    const match = matchItem(q, item);
    if (!match) continue;
    scored.push({ ranked: { item, indices: match.indices }, score: match.score + boost(item, recency) });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.ranked.item.title.localeCompare(b.ranked.item.title))
    .slice(0, limit)
    .map((s) => s.ranked);
}

/** Every item once: a person with a direct message shows as that row, a joined channel as its row. */
function candidates({ rows, people, channels, me }: RankInput): SwitcherItem[] {
  const items: SwitcherItem[] = rows.map((row) => ({ kind: 'row', key: `row:${row.parentID}`, title: row.title, row }));
  const peersWithRows = new Set(rows.flatMap((row) => (row.peerID ? [row.peerID] : [])));
  const hasNotes = rows.some((row) => row.icon === 'notes');
  for (const user of people) {
    if (user.deactivated || peersWithRows.has(user.id) || (user.id === me && hasNotes)) continue;
    items.push({ kind: 'person', key: `person:${user.id}`, title: user.displayName, user });
  }
  const joined = new Set(rows.map((row) => row.parentID));
  for (const channel of channels) {
    if (joined.has(channel.id) || channel.archived) continue;
    items.push({ kind: 'channel', key: `channel:${channel.id}`, title: channel.name, channel });
  }
  return items;
}

function matchItem(q: string, item: SwitcherItem): { score: number; indices: number[] } | null {
  const byTitle = fuzzyMatch(q, item.title);
  const other =
    item.kind === 'person' ? item.user.handle : item.kind === 'channel' ? item.channel.slug : (item.row.slug ?? '');
  const byOther = other ? fuzzyMatch(q, other) : null;
  if (byTitle && (!byOther || byTitle.score >= byOther.score)) return byTitle;
  if (byOther) return { score: byOther.score, indices: [] };
  // The server found the person another way (their email): listed, after the matches by name.
  return item.kind === 'person' ? { score: SERVER_MATCH_SCORE, indices: [] } : null;
}

function boost(item: SwitcherItem, recency: Map<string, number>): number {
  if (item.kind !== 'row') return 0;
  const place = recency.get(item.row.parentID);
  const recent = place === undefined ? 0 : (RECENT_MAX - place) * RECENT_WEIGHT;
  return OWN_BONUS + recent - (item.row.archived ? ARCHIVED_PENALTY : 0);
}

function byRecentThenActivity(a: SidebarRow, b: SidebarRow, recency: Map<string, number>): number {
  const ra = recency.get(a.parentID) ?? Infinity;
  const rb = recency.get(b.parentID) ?? Infinity;
  if (ra !== rb) return ra - rb;
  const ua = a.unread > 0 ? 0 : 1;
  const ub = b.unread > 0 ? 0 : 1;
  if (ua !== ub) return ua - ub;
  return Date.parse(b.lastActivity) - Date.parse(a.lastActivity) || a.title.localeCompare(b.title);
}
