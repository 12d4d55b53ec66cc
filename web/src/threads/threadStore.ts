import type { Message, ServerEvent, ThreadPage } from '../api/types.generated';
import { keepDeleted } from '../messages/messageStore';

/** One open thread: its root and replies (oldest first), and whether the reader follows it. */
export type ThreadState = {
  root: Message;
  replies: Message[];
  following: boolean;
};

export function fromPage(page: ThreadPage): ThreadState {
  return { root: page.root, replies: sortReplies(page.replies), following: page.following };
}

function sortReplies(replies: Message[]): Message[] {
  return [...replies].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
}

/** A reply arriving (live, or as our own send's answer): added once, in thread order. */
export function addReply(state: ThreadState, reply: Message): ThreadState {
  if (reply.threadRootID !== state.root.id) return state;
  if (state.replies.some((r) => r.id === reply.id)) return state;
  return { ...state, replies: sortReplies([...state.replies, reply]) };
}

/** A further page of replies. */
export function addReplies(state: ThreadState, replies: Message[]): ThreadState {
  return replies.reduce(addReply, state);
}

/** A changed message: the root (new count, reactions, edit) or one of the replies. */
export function updateMessage(state: ThreadState, message: Message): ThreadState {
  if (message.id === state.root.id) return { ...state, root: keepDeleted(state.root, message) };
  if (!state.replies.some((r) => r.id === message.id)) return state;
  return { ...state, replies: state.replies.map((r) => (r.id === message.id ? keepDeleted(r, message) : r)) };
}

export function deleteReply(state: ThreadState, id: string): ThreadState {
  if (!state.replies.some((r) => r.id === id)) return state;
  return {
    ...state,
    replies: state.replies.map((r) => (r.id === id ? { ...r, deleted: true, body: '', reactions: {} } : r)),
  };
}

/** What a live event does to the open thread (most events are about something else). */
export function threadAfterEvent(state: ThreadState, event: ServerEvent): ThreadState {
  switch (event.type) {
    case 'message.new':
      return addReply(state, event.data);
    case 'message.updated':
      return updateMessage(state, event.data);
    case 'message.deleted':
      return event.data.threadRootID === state.root.id ? deleteReply(state, event.data.id) : state;
    case 'thread.followed':
      return event.data.threadRootID === state.root.id ? { ...state, following: event.data.following } : state;
    default:
      return state;
  }
}

/** Every page of a thread, from its root to the newest reply, as one state. */
export async function fetchWholeThread(fetchPage: (after?: string) => Promise<ThreadPage>): Promise<ThreadState> {
  let page = await fetchPage();
  let state = fromPage(page);
  while (page.nextCursor && page.replies.length > 0) {
    page = await fetchPage(page.nextCursor);
    state = addReplies(state, page.replies);
  }
  return state;
}
