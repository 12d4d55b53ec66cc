import { createContext, useContext } from 'react';
import type { ParentRef } from '../api/routes';
import type { Message } from '../api/types.generated';

/** Where a list of messages is shown, and what its messages can do there. */
export type MessageScope = {
  parent: ParentRef;
  /** The parent's page in the app: `/c/general`, `/d/{id}`. */
  parentHref: string;
  /** May delete other people's messages (a channel's admins and owners). */
  canModerate: boolean;
  /** In the thread panel: no "reply" and no "mark unread" there. */
  inThread: boolean;
  /** The message being edited in place, if any. */
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  openThread: (rootId: string) => void;
  /** Moves the read point back to just before this message (main list only). */
  markUnread: ((message: Message) => void) | null;
  /** The message a link pointed at, shown highlighted. */
  highlightId: string | null;
  /** A newer copy of a shown message (an action's answer), before its event arrives. */
  onUpdated: (message: Message) => void;
};

const ScopeContext = createContext<MessageScope | null>(null);

export const MessageScopeProvider = ScopeContext.Provider;

export function useMessageScope(): MessageScope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useMessageScope outside MessageScopeProvider');
  return scope;
}

/** The newest message by `me` that can still be edited, for ArrowUp in an empty composer. */
export function lastEditable(messages: readonly Message[], me: string): Message | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && m.authorID === me && !m.deleted && !m.system) return m;
  }
  return null;
}
