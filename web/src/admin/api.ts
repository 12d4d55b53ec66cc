import type { ApiClient } from '../api/client';
import { apiPath, query } from '../api/routes';
import type {
  AdminUserPage,
  ChangeUserRole,
  ChangeUserStatus,
  InvitePage,
  Role,
  UpdateWorkspaceSettings,
  User,
  UserStatus,
  WorkspaceSettings,
} from '../api/types.generated';
import { DIRECTORY_PAGE_DEFAULT } from '../limits';

/** Every account, deactivated ones too; `q` searches names and emails. */
export function listPeople(api: ApiClient, q: string, cursor: string | null): Promise<AdminUserPage> {
  return api.get<AdminUserPage>(`${apiPath('GET /api/v1/admin/users')}${query({ q: q.trim(), cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

export function changeRole(api: ApiClient, userId: string, role: Role): Promise<User> {
  return api.patch<User>(apiPath('PATCH /api/v1/users/{id}/role', { id: userId }), { role } satisfies ChangeUserRole);
}

export function changeStatus(api: ApiClient, userId: string, status: UserStatus): Promise<User> {
  return api.patch<User>(apiPath('PATCH /api/v1/users/{id}/status', { id: userId }), {
    status,
  } satisfies ChangeUserStatus);
}

export function saveSettings(api: ApiClient, settings: UpdateWorkspaceSettings): Promise<WorkspaceSettings> {
  return api.put<WorkspaceSettings>(apiPath('PUT /api/v1/admin/settings'), settings);
}

/** Pending invites, newest first. */
export function listInvites(api: ApiClient, cursor: string | null): Promise<InvitePage> {
  return api.get<InvitePage>(`${apiPath('GET /api/v1/invites')}${query({ cursor, limit: DIRECTORY_PAGE_DEFAULT })}`);
}

/** Revokes a pending invite: its link stops working. */
export function revokeInvite(api: ApiClient, id: string): Promise<void> {
  return api.delete(apiPath('DELETE /api/v1/invites/{id}', { id }));
}
