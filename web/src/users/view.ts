import type { User, UserView } from '../api/types.generated';

/** What others see of an account, from the full account (e.g. the signed-in user's own). */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    displayName: user.displayName,
    handle: user.handle,
    deactivated: user.status === 'deactivated',
    status: user.customStatus,
    timeZone: user.timeZone,
    avatar: user.avatar,
  };
}
