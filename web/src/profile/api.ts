import type { ApiClient } from '../api/client';
import type { SetCustomStatus, UpdateProfile, User } from '../api/types.generated';

/** Changes the caller's name (password accounts only) and time zone; the account after. */
export function updateProfile(api: ApiClient, change: UpdateProfile): Promise<User> {
  return api.patch<User>('/api/v1/users/me', change);
}

export function setStatus(api: ApiClient, status: SetCustomStatus): Promise<User> {
  return api.put<User>('/api/v1/users/me/status', status);
}

export function clearStatus(api: ApiClient): Promise<void> {
  return api.delete('/api/v1/users/me/status');
}
