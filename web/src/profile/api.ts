import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { ChangeHandle, SetAvatar, SetCustomStatus, UpdateProfile, User } from '../api/types.generated';

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

/** Makes an uploaded image the caller's picture (the server crops it square); the account after. */
export function setPicture(api: ApiClient, uploadID: string): Promise<User> {
  return api.put<User>(apiPath('PUT /api/v1/users/me/avatar'), { uploadID } satisfies SetAvatar);
}

/** Removes the caller's picture (the tile shows again); the account after. */
export function removePicture(api: ApiClient): Promise<User> {
  return api.delete<User>(apiPath('DELETE /api/v1/users/me/avatar'));
}

/** Picks another handle; refused (`handle_taken`) when it, or one like it, is someone else's. */
export function changeHandle(api: ApiClient, handle: string): Promise<User> {
  return api.put<User>(apiPath('PUT /api/v1/users/me/handle'), { handle } satisfies ChangeHandle);
}
