import { channelUrl, conversationUrl } from '../core/paths';
import type { Category, Conversation, Membership, ParentType, Sidebar } from '../api/types.generated';
import { unreadCount } from './unread';

export type RowIcon = 'public' | 'private' | 'notes' | 'direct' | 'group';

/** One channel or conversation as the sidebar shows it. */
export type SidebarRow = {
  parentID: string;
  parentType: ParentType;
  title: string;
  href: string;
  icon: RowIcon;
  /** Channels only. */
  slug: string | null;
  archived: boolean;
  membership: Membership;
  unread: number;
  /** The last message's time (or the creation time before any): for "most recent first". */
  lastActivity: string;
  /** A direct message's other person (for their presence). */
  peerID: string | null;
};

export type SectionKind = 'favorites' | 'category' | 'channels' | 'direct';

export type SidebarSection = {
  /** `favorites`, `channels`, `direct`, or `category:{id}`. */
  key: string;
  kind: SectionKind;
  title: string;
  category: Category | null;
  rows: SidebarRow[];
};

/** Sections whose rows the user orders by dragging (the others sort themselves). */
export function isOrdered(kind: SectionKind): boolean {
  return kind === 'favorites' || kind === 'category';
}

export type SectionOptions = {
  /** The channel or conversation on screen: it has no unread messages. */
  openParentID: string | null;
  conversationTitle: (conversation: Conversation) => string;
  /** The signed-in user, to find a direct message's other person. */
  me?: string;
};

/**
 * The sidebar's sections, top to bottom: Favourites, each category (by position), Channels (by
 * name), Direct messages (most recent first). A favourite shows under Favourites only; a row whose
 * category no longer exists shows as uncategorised. Favourites and categories are ordered by
 * position, ties by title.
 */
export function buildSections(sidebar: Sidebar, options: SectionOptions): SidebarSection[] {
  const rows = [
    ...sidebar.channels.map(({ channel, membership }): SidebarRow => ({
      parentID: channel.id,
      parentType: 'channel',
      title: channel.name,
      href: channelUrl(channel.slug),
      icon: channel.type,
      slug: channel.slug,
      archived: channel.archived,
      membership,
      unread: unreadCount(channel.lastSeq, membership, channel.id === options.openParentID),
      lastActivity: channel.lastMessageAt ?? channel.createdAt,
      peerID: null,
    })),
    ...sidebar.conversations.map(({ conversation, membership }): SidebarRow => ({
      parentID: conversation.id,
      parentType: 'conversation',
      title: options.conversationTitle(conversation),
      href: conversationUrl(conversation.id),
      icon: conversation.kind,
      slug: null,
      archived: false,
      membership,
      unread: unreadCount(conversation.lastSeq, membership, conversation.id === options.openParentID),
      lastActivity: conversation.lastMessageAt ?? conversation.createdAt,
      peerID:
        conversation.kind === 'direct' ? (conversation.participantIDs.find((id) => id !== options.me) ?? null) : null,
    })),
  ];

  const favorites: SidebarSection = { key: 'favorites', kind: 'favorites', title: 'Favourites', category: null, rows: [] };
  const channels: SidebarSection = { key: 'channels', kind: 'channels', title: 'Channels', category: null, rows: [] };
  const direct: SidebarSection = { key: 'direct', kind: 'direct', title: 'Direct messages', category: null, rows: [] };
  const categories = new Map(
    sidebar.categories.map((category): [string, SidebarSection] => [
      category.id,
      { key: categoryKey(category.id), kind: 'category', title: category.name, category, rows: [] },
    ]),
  );

  for (const row of rows) {
    const category = row.membership.categoryID ? categories.get(row.membership.categoryID) : undefined;
    if (row.membership.favorite) favorites.rows.push(row);
    else if (category) category.rows.push(row);
    else if (row.parentType === 'channel') channels.rows.push(row);
    else direct.rows.push(row);
  }

  favorites.rows.sort(byPosition);
  for (const section of categories.values()) section.rows.sort(byPosition);
  channels.rows.sort(byTitle);
  direct.rows.sort(byRecency);
  return [favorites, ...categories.values(), channels, direct];
}

export function categoryKey(categoryId: string): string {
  return `category:${categoryId}`;
}

/** Names as people sort them: case-insensitive, and "m2" before "m10". */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function byTitle(a: SidebarRow, b: SidebarRow): number {
  return collator.compare(a.title, b.title) || a.parentID.localeCompare(b.parentID);
}

function byPosition(a: SidebarRow, b: SidebarRow): number {
  return a.membership.position - b.membership.position || byTitle(a, b);
}

function byRecency(a: SidebarRow, b: SidebarRow): number {
  return Date.parse(b.lastActivity) - Date.parse(a.lastActivity) || byTitle(a, b);
}
