import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type {
  Channel,
  Conversation,
  Membership,
  Sidebar,
  SidebarChannel,
  SidebarConversation,
} from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { useRealtimeEvent } from '../realtime/hooks';
import { markUnread as markUnreadFrom } from '../messages/api';
import * as sidebarApi from './api';
import type { MembershipChange } from './moves';
import type { Positioned } from './positions';
import { findMembership } from './sidebarStore';
import { useSidebarState } from './useSidebarState';

export type SidebarContextValue = {
  sidebar: Sidebar | null;
  loadError: string | null;
  reload: () => void;
  /** The last sidebar action that failed, for a message in the sidebar. */
  actionError: string | null;
  dismissActionError: () => void;
  /** The channel or conversation on screen (set by its page). */
  openParent: ParentRef | null;
  setOpenParent: (parent: ParentRef | null) => void;
  /** Saves membership changes (favourite, mute, category, order), showing them at once. */
  applyChanges: (changes: MembershipChange[]) => void;
  /** Moves the read point forward to `seq` (no-op when already there). */
  markRead: (parent: ParentRef, seq: number) => void;
  /** Reads everything (Shift-Escape, "Mark all as read"); a failure shows as the action error. */
  markAllRead: () => void;
  /** Moves the read point back to just before this message; resolves to the new membership. */
  markUnread: (parent: ParentRef, messageId: string) => Promise<Membership>;
  addChannel: (item: SidebarChannel) => void;
  addConversation: (item: SidebarConversation) => void;
  channelChanged: (channel: Channel) => void;
  conversationChanged: (conversation: Conversation) => void;
  removeParent: (parentID: string) => void;
  /** Category changes throw an ApiError for the form that asked. */
  createCategory: (name: string) => Promise<void>;
  renameCategory: (id: string, name: string) => Promise<void>;
  deleteCategory: (id: string) => Promise<void>;
  moveCategories: (updates: Positioned[]) => void;
};

const SidebarContext = createContext<SidebarContextValue | null>(null);

/** The signed-in user's sidebar, shared by the sidebar itself and the open page. */
export function SidebarProvider({ children }: { children: ReactNode }) {
  const { api } = useServices();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { sidebar, loadError, dispatch, current, reload } = useSidebarState(me.id);
  const [actionError, setActionError] = useState<string | null>(null);
  const [openParent, setOpenParentState] = useState<ParentRef | null>(null);

  // A read point moved back on purpose ("mark unread") must not be undone by the late answer to a
  // read sent before it: each place counts its unread marks, and a read's answer is taken only
  // when no mark came after the read was sent. (A failed read needs nothing: the next one catches
  // up.)
  const unreadMarks = useRef(new Map<string, number>());
  const sendRead = useCallback(
    (parent: ParentRef, seq: number) => {
      const marks = unreadMarks.current.get(parent.id) ?? 0;
      sidebarApi.markRead(api, parent, seq).then(
        (membership) => {
          if ((unreadMarks.current.get(parent.id) ?? 0) === marks) dispatch({ type: 'membership', membership });
        },
        () => undefined,
      );
    },
    [api, dispatch],
  );


  const setOpenParent = useCallback((parent: ParentRef | null) => {
    setOpenParentState((was) => (was?.id === parent?.id && was?.type === parent?.type ? was : parent));
  }, []);

  // Removed from what is on screen (left elsewhere, removed by an admin): back to #general.
  useRealtimeEvent((event) => {
    if (event.type === 'sidebar.removed' && event.data.parentID === openParent?.id) {
      void navigate(HOME_PATH, { replace: true });
    }
    // What I wrote (or did: a join) I have read. The reducer shows it at once; the server's read
    // point moves only when told, so tell it, or the message counts as unread after a reload.
    if (event.type === 'message.new' && event.data.authorID === me.id && !event.data.threadRootID) {
      const { parentType, parentID, seq } = event.data;
      sendRead({ type: parentType, id: parentID }, seq);
    }
  });

  const failed = useCallback(
    (err: unknown) => {
      setActionError(errorMessage(err));
      // What is shown may now be wrong: take the server's word for it.
      reload();
    },
    [reload],
  );

  const applyChanges = useCallback(
    (changes: MembershipChange[]) => {
      for (const change of changes) {
        dispatch({ type: 'patch', parentID: change.parentID, patch: change.patch });
        sidebarApi
          .updateMembership(api, { type: change.parentType, id: change.parentID }, change.patch)
          .then((membership: Membership) => dispatch({ type: 'membership', membership }), failed);
      }
    },
    [api, dispatch, failed],
  );

  const markRead = useCallback(
    (parent: ParentRef, seq: number) => {
      const membership = findMembership(current(), parent.id);
      if (!membership || seq <= membership.lastReadSeq) return;
      dispatch({ type: 'read', parentID: parent.id, seq });
      sendRead(parent, seq);
    },
    [current, dispatch, sendRead],
  );

  const markAllRead = useCallback(() => {
    // Shown at once; the server's answer (and its events) confirm each row.
    for (const row of [...(current()?.channels ?? []), ...(current()?.conversations ?? [])]) {
      const lastSeq = 'channel' in row ? row.channel.lastSeq : row.conversation.lastSeq;
      if (lastSeq > row.membership.lastReadSeq) dispatch({ type: 'read', parentID: row.membership.parentID, seq: lastSeq });
    }
    sidebarApi.markAllRead(api).then(({ memberships }) => {
      for (const membership of memberships) dispatch({ type: 'membership', membership });
    }, failed);
  }, [api, current, dispatch, failed]);

  const markUnread = useCallback(
    async (parent: ParentRef, messageId: string) => {
      unreadMarks.current.set(parent.id, (unreadMarks.current.get(parent.id) ?? 0) + 1);
      const membership = await markUnreadFrom(api, parent, messageId);
      dispatch({ type: 'unread', membership });
      return membership;
    },
    [api, dispatch],
  );

  const createCategory = useCallback(
    async (name: string) => {
      const category = await sidebarApi.createCategory(api, name);
      dispatch({ type: 'category', category });
    },
    [api, dispatch],
  );

  const renameCategory = useCallback(
    async (id: string, name: string) => {
      const category = await sidebarApi.updateCategory(api, id, { name });
      dispatch({ type: 'category', category });
    },
    [api, dispatch],
  );

  const deleteCategory = useCallback(
    async (id: string) => {
      await sidebarApi.deleteCategory(api, id);
      dispatch({ type: 'categoryDeleted', id });
    },
    [api, dispatch],
  );

  const moveCategories = useCallback(
    (updates: Positioned[]) => {
      const categories = current()?.categories ?? [];
      for (const update of updates) {
        const category = categories.find((c) => c.id === update.id);
        if (!category) continue;
        dispatch({ type: 'category', category: { ...category, position: update.position } });
        sidebarApi
          .updateCategory(api, update.id, { position: update.position })
          .then((saved) => dispatch({ type: 'category', category: saved }), failed);
      }
    },
    [api, current, dispatch, failed],
  );

  const value = useMemo(
    (): SidebarContextValue => ({
      sidebar,
      loadError,
      reload,
      actionError,
      dismissActionError: () => setActionError(null),
      openParent,
      setOpenParent,
      applyChanges,
      markRead,
      markAllRead,
      markUnread,
      addChannel: (item) => dispatch({ type: 'channel', item }),
      addConversation: (item) => dispatch({ type: 'conversation', item }),
      channelChanged: (channel) => dispatch({ type: 'channelUpdated', channel }),
      conversationChanged: (conversation) => dispatch({ type: 'conversationUpdated', conversation }),
      removeParent: (parentID) => dispatch({ type: 'removed', parentID }),
      createCategory,
      renameCategory,
      deleteCategory,
      moveCategories,
    }),
    [
      sidebar,
      loadError,
      reload,
      actionError,
      openParent,
      setOpenParent,
      applyChanges,
      markRead,
      markAllRead,
      markUnread,
      dispatch,
      createCategory,
      renameCategory,
      deleteCategory,
      moveCategories,
    ],
  );

  return <SidebarContext.Provider value={value}>{children}</SidebarContext.Provider>;
}

export function useSidebar(): SidebarContextValue {
  const value = useContext(SidebarContext);
  if (!value) throw new Error('useSidebar outside SidebarProvider');
  return value;
}
