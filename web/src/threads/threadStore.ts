import type { Message, ThreadPage } from '../api/types.generated';
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
