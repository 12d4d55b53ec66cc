// The files pane's list, as a pure reducer: pages from the server, newest first, and live
// messages adding or taking away their files.
import type { FileEntry, FilePage, Message } from '../api/types.generated';

export type FilesState = {
  entries: FileEntry[];
  /** The next (older) page's cursor; null on the last page. */
  nextCursor: string | null;
};

export const noFiles: FilesState = { entries: [], nextCursor: null };

export type FilesAction =
  /** The first page: replaces the list (a reload after a reconnect too). */
  | { type: 'first'; page: FilePage }
  | { type: 'more'; page: FilePage }
  | { type: 'message'; message: Message }
  | { type: 'deleted'; messageId: string };

export function filesReducer(state: FilesState, action: FilesAction): FilesState {
  switch (action.type) {
    case 'first':
      return { entries: dedupe(action.page.items), nextCursor: action.page.nextCursor };
    case 'more':
      return { entries: dedupe([...state.entries, ...action.page.items]), nextCursor: action.page.nextCursor };
    case 'message': {
      const added = entriesOf(action.message);
      if (action.message.deleted) return withoutMessage(state, action.message.id);
      if (added.length === 0) return state;
      const known = new Set(state.entries.map((e) => e.file.id));
      const fresh = added.filter((e) => !known.has(e.file.id));
      if (fresh.length === 0) return state;
      return { ...state, entries: sortNewestFirst([...fresh, ...state.entries]) };
    }
    case 'deleted':
      return withoutMessage(state, action.messageId);
  }
}

/** A message's files as the pane lists them. */
export function entriesOf(message: Message): FileEntry[] {
  return message.attachments.map((file) => ({
    file,
    messageID: message.id,
    threadRootID: message.threadRootID,
    authorID: message.authorID,
    createdAt: message.createdAt,
  }));
}

function withoutMessage(state: FilesState, messageId: string): FilesState {
  const entries = state.entries.filter((e) => e.messageID !== messageId);
  return entries.length === state.entries.length ? state : { ...state, entries };
}

function dedupe(entries: FileEntry[]): FileEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.file.id) && Boolean(seen.add(e.file.id)));
}

/**
 * The server's order: by file id, newest first (ids are ULIDs, made when the file is attached),
 * so a live message's files sit where a reload would put them.
 */
function sortNewestFirst(entries: FileEntry[]): FileEntry[] {
  return [...entries].sort((a, b) => (a.file.id === b.file.id ? 0 : a.file.id < b.file.id ? 1 : -1));
}
