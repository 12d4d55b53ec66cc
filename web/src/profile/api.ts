import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { SetCustomStatus, UpdateProfile, User } from '../api/types.generated';

/** Changes the caller's name (password accounts only) and time zone; the account after. */
export function updateProfile(api: ApiClient, change: UpdateProfile): Promise<User> {
  return api.patch<User>(apiPath('PATCH /api/v1/users/me'), change);
}

export function setStatus(api: ApiClient, status: SetCustomStatus): Promise<User> {
  return api.put<User>(apiPath('PUT /api/v1/users/me/status'), status);
}

export function clearStatus(api: ApiClient): Promise<void> {
  return api.delete(apiPath('DELETE /api/v1/users/me/status'));
}
