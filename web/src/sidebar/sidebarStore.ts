import type {
  Category,
  Channel,
  Conversation,
  Membership,
  ServerEvent,
  Sidebar,
  SidebarChannel,
  SidebarConversation,
  UpdateMembership,
} from '../api/types.generated';

/** The signed-in user's sidebar as the client knows it: null until the first load. */
export type SidebarState = Sidebar | null;

export type SidebarAction =
  | { type: 'loaded'; sidebar: Sidebar }
  /** A live event; `me` is the signed-in user's id. */
  | { type: 'event'; event: ServerEvent; me: string }
  | { type: 'channel'; item: SidebarChannel }
  | { type: 'conversation'; item: SidebarConversation }
  | { type: 'channelUpdated'; channel: Channel }
  | { type: 'conversationUpdated'; conversation: Conversation }
  | { type: 'removed'; parentID: string }
  /** The server's word on one membership (a PATCH or read answer, or another device's change). */
  | { type: 'membership'; membership: Membership }
  /** The read point moved back on purpose ("mark unread"): taken as it is. */
  | { type: 'unread'; membership: Membership }
  /** A change made here, shown before the server confirms it. */
  | { type: 'patch'; parentID: string; patch: UpdateMembership }
  | { type: 'read'; parentID: string; seq: number }
  | { type: 'categories'; categories: Category[] }
  | { type: 'category'; category: Category }
  | { type: 'categoryDeleted'; id: string };

export function sidebarReducer(state: SidebarState, action: SidebarAction): SidebarState {
  if (action.type === 'loaded') return normalise(action.sidebar);
  if (!state) return state;
  switch (action.type) {
    case 'event':
      return applyEvent(state, action.event, action.me);
    case 'channel':
      return upsertChannel(state, action.item);
    case 'conversation':
      return upsertConversation(state, action.item);
    case 'channelUpdated':
      return updateChannel(state, action.channel);
    case 'conversationUpdated':
      return updateConversation(state, action.conversation);
    case 'removed':
      return removeParent(state, action.parentID);
    case 'membership':
      return mapMembership(state, action.membership.parentID, (current) =>
        mergeMembership(current, action.membership),
      );
    case 'unread':
      return mapMembership(state, action.membership.parentID, () => action.membership);
    case 'patch':
      return mapMembership(state, action.parentID, (current) => applyPatch(current, action.patch));
    case 'read':
      return mapMembership(state, action.parentID, (current) =>
        action.seq > current.lastReadSeq ? { ...current, lastReadSeq: action.seq } : current,
      );
    case 'categories':
      return { ...state, categories: sortCategories(action.categories) };
    case 'category': {
      const others = state.categories.filter((c) => c.id !== action.category.id);
      return { ...state, categories: sortCategories([...others, action.category]) };
    }
    case 'categoryDeleted':
      return { ...state, categories: state.categories.filter((c) => c.id !== action.id) };
  }
}

function applyEvent(state: Sidebar, event: ServerEvent, me: string): Sidebar {
  switch (event.type) {
    case 'message.new': {
      const message = event.data;
      // A thread reply's seq is its place in the thread: it moves neither count nor read point.
      if (message.threadRootID) return state;
      const bump = <T extends { lastSeq: number; lastMessageAt: string | null }>(parent: T): T =>
        message.seq > parent.lastSeq ? { ...parent, lastSeq: message.seq, lastMessageAt: message.createdAt } : parent;
      let next = state;
      if (message.parentType === 'channel') {
        next = mapChannels(state, message.parentID, (item) => {
          const channel = bump(item.channel);
          return channel === item.channel ? item : { ...item, channel };
        });
      } else {
        next = mapConversations(state, message.parentID, (item) => {
          const conversation = bump(item.conversation);
          return conversation === item.conversation ? item : { ...item, conversation };
        });
      }
      // What I wrote myself I have read.
      if (message.authorID === me) {
        next = mapMembership(next, message.parentID, (m) =>
          message.seq > m.lastReadSeq ? { ...m, lastReadSeq: message.seq } : m,
        );
      }
      return next;
    }
    case 'channel.updated':
      return updateChannel(state, event.data);
    case 'conversation.updated':
      return updateConversation(state, event.data);
    case 'members.changed': {
      const change = event.data;
      if (change.userID !== me || change.action !== 'role' || !change.role) return state;
      const role = change.role;
      return mapMembership(state, change.parentID, (m) => (m.role === role ? m : { ...m, role }));
    }
    case 'sidebar.channel':
      return upsertChannel(state, event.data);
    case 'sidebar.conversation':
      return upsertConversation(state, event.data);
    case 'sidebar.removed':
      return removeParent(state, event.data.parentID);
    case 'sidebar.membership':
      return mapMembership(state, event.data.parentID, (current) => mergeMembership(current, event.data));
    case 'sidebar.categories':
      return { ...state, categories: sortCategories(event.data) };
    default:
      // Message changes, typing, presence, drafts and notifications leave the sidebar as is.
      return state;
  }
}

/** Whether the sidebar has a row for this channel or conversation. */
export function hasParent(state: Sidebar, parentID: string): boolean {
  return (
    state.channels.some((c) => c.channel.id === parentID) ||
    state.conversations.some((c) => c.conversation.id === parentID)
  );
}

export function findMembership(state: SidebarState, parentID: string): Membership | null {
  if (!state) return null;
  return (
    state.channels.find((c) => c.channel.id === parentID)?.membership ??
    state.conversations.find((c) => c.conversation.id === parentID)?.membership ??
    null
  );
}

function normalise(sidebar: Sidebar): Sidebar {
  return { ...sidebar, categories: sortCategories(sidebar.categories) };
}

function sortCategories(categories: Category[]): Category[] {
  return [...categories].sort(
    (a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/**
 * A membership from the server replaces ours, except that read points only move forward (an
 * older answer may arrive after a newer local read).
 */
function mergeMembership(current: Membership, incoming: Membership): Membership {
  return incoming.lastReadSeq >= current.lastReadSeq
    ? incoming
    : { ...incoming, lastReadSeq: current.lastReadSeq };
}

function applyPatch(current: Membership, patch: UpdateMembership): Membership {
  const next = { ...current };
  if (patch.favorite !== undefined) next.favorite = patch.favorite;
  if (patch.muted !== undefined) next.muted = patch.muted;
  if (patch.categoryID !== undefined) next.categoryID = patch.categoryID;
  if (patch.position !== undefined) next.position = patch.position;
  if (patch.notifyLevel !== undefined) next.notifyLevel = patch.notifyLevel;
  return next;
}

function upsertChannel(state: Sidebar, item: SidebarChannel): Sidebar {
  const existing = state.channels.find((c) => c.channel.id === item.channel.id);
  if (!existing) return { ...state, channels: [...state.channels, item] };
  const merged: SidebarChannel = {
    channel: newerParent(existing.channel, item.channel),
    membership: mergeMembership(existing.membership, item.membership),
  };
  return mapChannels(state, item.channel.id, () => merged);
}

function upsertConversation(state: Sidebar, item: SidebarConversation): Sidebar {
  const existing = state.conversations.find((c) => c.conversation.id === item.conversation.id);
  if (!existing) return { ...state, conversations: [item, ...state.conversations] };
  const merged: SidebarConversation = {
    conversation: newerParent(existing.conversation, item.conversation),
    membership: mergeMembership(existing.membership, item.membership),
  };
  return mapConversations(state, item.conversation.id, () => merged);
}

/** The incoming copy, keeping the newest message we already know of. */
function newerParent<T extends { lastSeq: number; lastMessageAt: string | null }>(current: T, incoming: T): T {
  if (incoming.lastSeq >= current.lastSeq) return incoming;
  return { ...incoming, lastSeq: current.lastSeq, lastMessageAt: current.lastMessageAt };
}

function updateChannel(state: Sidebar, channel: Channel): Sidebar {
  return mapChannels(state, channel.id, (item) => ({ ...item, channel: newerParent(item.channel, channel) }));
}

function updateConversation(state: Sidebar, conversation: Conversation): Sidebar {
  return mapConversations(state, conversation.id, (item) => ({
    ...item,
    conversation: newerParent(item.conversation, conversation),
  }));
}

function removeParent(state: Sidebar, parentID: string): Sidebar {
  if (!hasParent(state, parentID)) return state;
  return {
    ...state,
    channels: state.channels.filter((c) => c.channel.id !== parentID),
    conversations: state.conversations.filter((c) => c.conversation.id !== parentID),
  };
}

function mapChannels(state: Sidebar, id: string, f: (item: SidebarChannel) => SidebarChannel): Sidebar {
  let changed = false;
  const channels = state.channels.map((item) => {
    if (item.channel.id !== id) return item;
    const next = f(item);
    changed ||= next !== item;
    return next;
  });
  return changed ? { ...state, channels } : state;
}

function mapConversations(
  state: Sidebar,
  id: string,
  f: (item: SidebarConversation) => SidebarConversation,
): Sidebar {
  let changed = false;
  const conversations = state.conversations.map((item) => {
    if (item.conversation.id !== id) return item;
    const next = f(item);
    changed ||= next !== item;
    return next;
  });
  return changed ? { ...state, conversations } : state;
}

function mapMembership(state: Sidebar, parentID: string, f: (m: Membership) => Membership): Sidebar {
  const withChannels = mapChannels(state, parentID, (item) => {
    const membership = f(item.membership);
    return membership === item.membership ? item : { ...item, membership };
  });
  return mapConversations(withChannels, parentID, (item) => {
    const membership = f(item.membership);
    return membership === item.membership ? item : { ...item, membership };
  });
}
