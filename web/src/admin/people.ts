import type { Role, User } from '../api/types.generated';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', member: 'Member', guest: 'Guest' };

/**
 * The roles an admin may give this person, the server's rules: nobody changes their own role,
 * and password accounts (guests who came by invite) stay guests.
 */
export function assignableRoles(person: User, me: string): Role[] {
  if (person.id === me) return [person.role];
  if (person.provider === 'password') return ['guest'];
  return ['admin', 'member', 'guest'];
}

/** Why this person cannot be deactivated or reactivated here, or null when they can. */
export function statusChangeBlocked(person: User, me: string): string | null {
  if (person.id === me) return 'You cannot deactivate yourself.';
  if (person.role === 'admin') return 'Make this admin a member first.';
  return null;
}
