import type { Membership } from '../api/types.generated';

/**
 * Messages the user has not read: the parent's newest sequence number minus the read point.
 * The open channel or conversation has none (it is being read).
 */
export function unreadCount(lastSeq: number, membership: Membership, isOpen: boolean): number {
  if (isOpen) return 0;
  return Math.max(0, lastSeq - membership.lastReadSeq);
}

/** The badge text: the count, capped so it fits. */
export function unreadBadge(count: number): string {
  return count > 99 ? '99+' : String(count);
}
