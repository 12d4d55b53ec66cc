import { useEffect, useState } from 'react';
import type { ParentRef } from '../api/routes';
import type { Membership, ParentType } from '../api/types.generated';
import { useSidebar } from './SidebarProvider';
import { findMembership } from './sidebarStore';

/** Tells the sidebar what is on screen while the calling page is mounted. */
export function useOpenParent(type: ParentType, id: string): void {
  const { setOpenParent } = useSidebar();
  useEffect(() => {
    setOpenParent({ type, id });
    return () => setOpenParent(null);
  }, [setOpenParent, type, id]);
}

/**
 * The user's membership of a channel or conversation: undefined while the sidebar loads, null
 * when not a member.
 */
export function useMembership(parentID: string): Membership | null | undefined {
  const { sidebar } = useSidebar();
  if (!sidebar) return undefined;
  return findMembership(sidebar, parentID);
}

/**
 * Marks the newest shown message read while the page is open and the tab visible, so the
 * sidebar's unread count (and other devices') follow.
 */
export function useMarkRead(parent: ParentRef, newestSeq: number | null, enabled = true): void {
  const { markRead, sidebar } = useSidebar();
  const lastReadSeq = sidebar ? findMembership(sidebar, parent.id)?.lastReadSeq : undefined;
  const visible = usePageVisible();
  const { type, id } = parent;
  useEffect(() => {
    if (enabled && visible && newestSeq !== null && lastReadSeq !== undefined && newestSeq > lastReadSeq) {
      markRead({ type, id }, newestSeq);
    }
  }, [markRead, type, id, newestSeq, lastReadSeq, visible, enabled]);
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, [setVisible]);
  return visible;
}
