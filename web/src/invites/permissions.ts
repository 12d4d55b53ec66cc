import type { InvitePolicy, Role } from '../api/types.generated';

/**
 * Whether someone with `role` may invite people under the workspace's policy (the server's
 * `InvitePolicy::allows`). Guests never may; with the policy still loading, members may try and
 * the server decides.
 */
export function canInvite(role: Role, policy: InvitePolicy | null): boolean {
  if (role === 'guest') return false;
  return policy === 'admins' ? role === 'admin' : true;
}
