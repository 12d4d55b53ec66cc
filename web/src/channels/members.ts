import type { Member, MembersChanged } from '../api/types.generated';

/** A members list after a `members.changed` event. */
export function membersAfterChange(members: Member[], change: MembersChanged, now: string): Member[] {
  const without = members.filter((m) => m.userID !== change.userID);
  switch (change.action) {
    case 'left':
    case 'removed':
      return without.length === members.length ? members : without;
    case 'joined':
    case 'added':
    case 'role': {
      const existing = members.find((m) => m.userID === change.userID);
      const role = change.role ?? existing?.role ?? 'member';
      if (existing?.role === role) return members;
      if (existing) return members.map((m) => (m.userID === change.userID ? { ...m, role } : m));
      return [...members, { userID: change.userID, role, joinedAt: now }];
    }
  }
}
