import type { Sidebar } from '../api/types.generated';
import { unreadBadge, unreadCount } from '../sidebar/unread';

/** What the tab shows: unread messages (not in muted places) and what is for the reader. */
export type TabCounts = { unread: number; mentions: number };

/**
 * Totals over the sidebar, the open conversation left out (it is being read): unread messages in
 * places not muted; mentions (muted places too) plus unread direct messages, which are for the
 * reader as much as a mention is.
 */
export function tabCounts(sidebar: Sidebar | null, openParentID: string | null): TabCounts {
  if (!sidebar) return { unread: 0, mentions: 0 };
  let unread = 0;
  let mentions = 0;
  const rows = [
    ...sidebar.channels.map((r) => ({ lastSeq: r.channel.lastSeq, membership: r.membership, direct: false })),
    ...sidebar.conversations.map((r) => ({ lastSeq: r.conversation.lastSeq, membership: r.membership, direct: true })),
  ];
  for (const { lastSeq, membership, direct } of rows) {
    const open = membership.parentID === openParentID;
    const count = unreadCount(lastSeq, membership, open);
    if (!membership.muted) unread += count;
    if (!open) mentions += direct && !membership.muted ? Math.max(count, membership.mentionCount) : membership.mentionCount;
  }
  return { unread, mentions };
}

/** The prefix a title carries, matched to take it off again. */
const PREFIX = /^\((?:@\d+\+?(?: · \d+\+?)?|\d+\+?)\) /;

/** "(3) #general · Parley"; with mentions "(@1 · 3) #general · Parley"; the page's own title with none. */
export function titleWithCounts(title: string, counts: TabCounts): string {
  const base = title.replace(PREFIX, '');
  const { unread, mentions } = counts;
  if (mentions > 0) {
    return unread > 0 ? `(@${unreadBadge(mentions)} · ${unreadBadge(unread)}) ${base}` : `(@${unreadBadge(mentions)}) ${base}`;
  }
  return unread > 0 ? `(${unreadBadge(unread)}) ${base}` : base;
}

/** The favicon's badge: a number for mentions, a dot for unread only, nothing when all is read. */
export function badgeFor(counts: TabCounts): { kind: 'none' } | { kind: 'dot' } | { kind: 'count'; text: string } {
  if (counts.mentions > 0) return { kind: 'count', text: counts.mentions > 9 ? '9+' : String(counts.mentions) };
  return counts.unread > 0 ? { kind: 'dot' } : { kind: 'none' };
}
