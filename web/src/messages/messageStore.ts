import type { Message, MessagePage } from '../api/types.generated';
import type { SentFile } from '../files/uploadQueue';

/** A message this client sent that the server has not confirmed yet. */
export type PendingMessage = {
  clientNonce: string;
  body: string;
  /** The files going with it (a retry sends them again). */
  files: SentFile[];
  createdAt: string;
  status: 'sending' | 'failed';
  error: string | null;
};

/**
 * What the client knows of one channel's messages: a contiguous run, oldest first, plus the
 * cursors to extend it in each direction, plus its own unconfirmed sends.
 */
export type MessagesState = {
  messages: Message[];
  pending: PendingMessage[];
  /** Pass as `before=` to load the page just older than `messages[0]`. */
  olderCursor: string | null;
  hasMoreOlder: boolean;
  /** Pass as `after=` to catch up on what is newer than the newest loaded page. */
  newerCursor: string | null;
  /**
   * The run ends before the newest message (opened around a linked message): live messages are
   * not added (they would leave a gap); scrolling down loads the pages in between.
   */
  hasMoreNewer: boolean;
};

export const emptyMessages: MessagesState = {
  messages: [],
  pending: [],
  olderCursor: null,
  hasMoreOlder: false,
  newerCursor: null,
  hasMoreNewer: false,
};

/**
 * Which request produced a page: the newest page (no cursor), `before=`, `after=`, or `around=`
 * (a window around one message, which replaces what is loaded).
 */
export type PageKind = 'newest' | 'older' | 'newer' | 'around';

/** What a live event does to the loaded run. */
export type LiveMessageAction =
  | { type: 'received'; message: Message }
  | { type: 'updated'; message: Message }
  | { type: 'deleted'; id: string };

export type MessagesAction =
  | { type: 'page'; kind: PageKind; page: MessagePage }
  /**
   * A catch-up's answer, and the live events that came while it was fetched: its pages may have
   * been read before them, so they apply again on top.
   */
  | { type: 'refreshed'; page: MessagePage; since?: LiveMessageAction[] }
  | LiveMessageAction
  | { type: 'sending'; pending: PendingMessage }
  | { type: 'sendFailed'; clientNonce: string; error: string }
  | { type: 'retrying'; clientNonce: string }
  | { type: 'discard'; clientNonce: string };

export function messagesReducer(state: MessagesState, action: MessagesAction): MessagesState {
  switch (action.type) {
    case 'page':
      return applyPage(state, action.kind, action.page);
    case 'refreshed':
      return (action.since ?? []).reduce(messagesReducer, applyRefresh(state, action.page));
    case 'received':
      // Thread replies live in their thread, never in the main list; a run that stops short of
      // the newest message gets it when the reader scrolls down.
      if (action.message.threadRootID) return state;
      if (state.hasMoreNewer) return { ...state, pending: settlePending(state.pending, [action.message]) };
      return applyMessage(state, action.message);
    case 'updated':
      // A deletion is final: a late copy from before it (an action's answer, a failed
      // reaction put back) does not bring the message back.
      return replaceMessage(state, action.message.id, (current) => keepDeleted(current, action.message));
    case 'deleted':
      return replaceMessage(state, action.id, (m) => ({
        ...m,
        deleted: true,
        body: '',
        reactions: {},
        pinnedAt: null,
        pinnedBy: null,
      }));
    case 'sending':
      return { ...state, pending: [...state.pending, action.pending] };
    case 'sendFailed':
      return updatePending(state, action.clientNonce, { status: 'failed', error: action.error });
    case 'retrying':
      return updatePending(state, action.clientNonce, { status: 'sending', error: null });
    case 'discard':
      return {
        ...state,
        pending: state.pending.filter((p) => p.clientNonce !== action.clientNonce),
      };
  }
}

/**
 * The server's order, the one its cursors page through: by id (ULIDs sort by time), then by
 * sequence number should two ids ever tie.
 */
export function compareMessages(a: Message, b: Message): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * The highest sequence number in `messages` (0 when empty). Not the last message's: the list
 * is in id order, and an id is taken before its sequence number, so two messages sent at once
 * can be numbered in the other order.
 */
export function newestSeqOf(messages: readonly Message[]): number {
  return messages.reduce((high, m) => Math.max(high, m.seq), 0);
}

/**
 * Merges two lists of messages into one, oldest first, with each message once. A message is the
 * same as another when it has the same id, or the same author and client nonce (one send retried).
 */
export function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return existing;
  const ids = new Set(existing.map((m) => m.id));
  const nonces = new Set(existing.map(nonceKey).filter((k) => k !== null));
  const added: Message[] = [];
  for (const message of incoming) {
    const key = nonceKey(message);
    if (ids.has(message.id) || (key !== null && nonces.has(key))) continue;
    ids.add(message.id);
    if (key !== null) nonces.add(key);
    added.push(message);
  }
  if (added.length === 0) return existing;
  return [...existing, ...added].sort(compareMessages);
}

function nonceKey(message: Message): string | null {
  return message.clientNonce === null ? null : `${message.authorID}\u0000${message.clientNonce}`;
}

/** Changes a loaded message in place (an edit, a reaction, a pin, a delete); others are left. */
/** The newer copy of a message, unless it would undo the message's deletion. */
export function keepDeleted(current: Message, next: Message): Message {
  return current.deleted && !next.deleted ? current : next;
}

export function replaceMessage(
  state: MessagesState,
  id: string,
  change: (message: Message) => Message,
): MessagesState {
  const index = state.messages.findIndex((m) => m.id === id);
  const current = state.messages[index];
  if (!current) return state;
  const messages = [...state.messages];
  messages[index] = change(current);
  return { ...state, messages };
}

/** A confirmed message (live event or send response): add it and settle our pending copy. */
export function applyMessage(state: MessagesState, message: Message): MessagesState {
  const messages = mergeMessages(state.messages, [message]);
  const pending = settlePending(state.pending, [message]);
  if (messages === state.messages && pending === state.pending) return state;
  return { ...state, messages, pending };
}

/**
 * Adds a page from the server. The cursors follow the loaded run's two ends: the older cursor comes
 * from whichever side reaches further back, the newer cursor from whichever reaches further forward.
 *
 * A newest page (fetched without a cursor, e.g. to catch up when no newer cursor is known) may not
 * touch what is loaded: then messages in between are unknown, and the page replaces the run
 * rather than leave a silent gap. Scrolling up loads the older ones again.
 */
export function applyPage(state: MessagesState, kind: PageKind, page: MessagePage): MessagesState {
  const items = [...page.items].sort(compareMessages);
  const pending = settlePending(state.pending, items);
  if (kind === 'around') return { ...fromPage(page, items), pending };
  const oldest = items[0];
  const newest = items[items.length - 1];

  if (!oldest || !newest) {
    // An empty page moves nothing but its own end of the run.
    if (kind === 'older') {
      return { ...state, pending, olderCursor: page.olderCursor, hasMoreOlder: page.hasMoreOlder };
    }
    if (kind === 'newest' && state.messages.length === 0) {
      return { ...fromPage(page, items), pending };
    }
    return {
      ...state,
      pending,
      newerCursor: page.newerCursor ?? state.newerCursor,
      hasMoreNewer: kind === 'newer' ? page.hasMoreNewer : kind === 'newest' ? false : state.hasMoreNewer,
    };
  }

  const loadedOldest = state.messages[0];
  const loadedNewest = state.messages[state.messages.length - 1];
  if (!loadedOldest || !loadedNewest) return { ...fromPage(page, items), pending };

  const leavesGap =
    kind === 'newest' && page.hasMoreOlder && compareMessages(oldest, loadedNewest) > 0;
  if (leavesGap) return { ...fromPage(page, items), pending };

  const reachesOlder = compareMessages(oldest, loadedOldest) <= 0;
  const reachesNewer = compareMessages(newest, loadedNewest) >= 0;
  return {
    messages: mergeMessages(state.messages, items),
    pending,
    olderCursor: reachesOlder ? page.olderCursor : state.olderCursor,
    hasMoreOlder: reachesOlder ? page.hasMoreOlder : state.hasMoreOlder,
    newerCursor: reachesNewer ? (page.newerCursor ?? state.newerCursor) : state.newerCursor,
    hasMoreNewer: kind === 'newest' ? false : reachesNewer ? page.hasMoreNewer : state.hasMoreNewer,
  };
}

/**
 * The run as the server has it now (a catch-up's `refetchWindow`): its copies replace what is
 * loaded, edits, reactions and deletes included. Messages that arrived live while it was being
 * fetched, newer than its newest, are kept.
 */
export function applyRefresh(state: MessagesState, page: MessagePage): MessagesState {
  const items = [...page.items].sort(compareMessages);
  const pending = settlePending(state.pending, items);
  const refreshed = fromPage(page, items);
  const newest = items[items.length - 1];
  if (page.hasMoreNewer) return { ...refreshed, pending };
  const arrived = newest ? state.messages.filter((m) => compareMessages(m, newest) > 0) : state.messages;
  return { ...refreshed, messages: mergeMessages(refreshed.messages, arrived), pending };
}

function fromPage(page: MessagePage, sortedItems: Message[]): Omit<MessagesState, 'pending'> {
  return {
    messages: mergeMessages([], sortedItems),
    olderCursor: page.olderCursor,
    hasMoreOlder: page.hasMoreOlder,
    newerCursor: page.newerCursor,
    hasMoreNewer: page.hasMoreNewer,
  };
}

/** Drops the pending copies of sends that the server has now confirmed. */
function settlePending(pending: PendingMessage[], confirmed: Message[]): PendingMessage[] {
  if (pending.length === 0) return pending;
  const nonces = new Set(confirmed.map((m) => m.clientNonce));
  const left = pending.filter((p) => !nonces.has(p.clientNonce));
  return left.length === pending.length ? pending : left;
}

function updatePending(
  state: MessagesState,
  clientNonce: string,
  patch: Pick<PendingMessage, 'status' | 'error'>,
): MessagesState {
  if (!state.pending.some((p) => p.clientNonce === clientNonce)) return state;
  return {
    ...state,
    pending: state.pending.map((p) => (p.clientNonce === clientNonce ? { ...p, ...patch } : p)),
  };
}
