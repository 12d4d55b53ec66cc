// Builders for the sidebar's unit tests.
import type {
  Category,
  Channel,
  Conversation,
  Membership,
  Sidebar,
  SidebarChannel,
  SidebarConversation,
} from '../api/types.generated';

export function membership(parentID: string, extra: Partial<Membership> = {}): Membership {
  return {
    parentID,
    parentType: 'channel',
    role: 'member',
    joinedAt: '2024-01-01T00:00:00Z',
    favorite: false,
    muted: false,
    categoryID: null,
    position: 0,
    lastReadSeq: 0,
    opened: false,
    mentionCount: 0,
    notifyLevel: null,
    ...extra,
  };
}

export function channel(id: string, extra: Partial<Channel> = {}): Channel {
  return {
    id,
    name: id,
    slug: id,
    description: '',
    type: 'public',
    createdBy: 'u-owner',
    archived: false,
    createdAt: '2024-01-01T00:00:00Z',
    lastSeq: 0,
    lastMessageAt: null,
    ...extra,
  };
}

export function sidebarChannel(
  id: string,
  extra: { channel?: Partial<Channel>; membership?: Partial<Membership> } = {},
): SidebarChannel {
  return { channel: channel(id, extra.channel), membership: membership(id, extra.membership) };
}

export function conversation(id: string, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    kind: 'direct',
    name: null,
    participantIDs: ['me', 'bob'],
    createdBy: 'me',
    createdAt: '2024-01-01T00:00:00Z',
    lastSeq: 0,
    lastMessageAt: null,
    ...extra,
  };
}

export function sidebarConversation(
  id: string,
  extra: { conversation?: Partial<Conversation>; membership?: Partial<Membership> } = {},
): SidebarConversation {
  return {
    conversation: conversation(id, extra.conversation),
    membership: membership(id, { parentType: 'conversation', ...extra.membership }),
  };
}

export function category(id: string, position: number, name = id): Category {
  return { id, name, position, createdAt: '2024-01-01T00:00:00Z' };
}

export function sidebar(extra: Partial<Sidebar> = {}): Sidebar {
  return { channels: [], conversations: [], categories: [], ...extra };
}
