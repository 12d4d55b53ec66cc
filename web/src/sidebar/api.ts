import type { ApiClient } from '../api/client';
import { apiPath, type ParentRef } from '../api/routes';
import type {
  Category,
  CreateCategory,
  MarkAllRead,
  MarkedAllRead,
  MarkRead,
  Membership,
  Sidebar,
  UpdateCategory,
  UpdateMembership,
} from '../api/types.generated';

export function getSidebar(api: ApiClient): Promise<Sidebar> {
  return api.get<Sidebar>(apiPath('GET /api/v1/sidebar'));
}

export function updateMembership(api: ApiClient, parent: ParentRef, patch: UpdateMembership): Promise<Membership> {
  return api.patch<Membership>(apiPath('PATCH {parent}/membership', { parent }), patch);
}

export function markRead(api: ApiClient, parent: ParentRef, seq: number): Promise<Membership> {
  return api.post<Membership>(apiPath('POST {parent}/read', { parent }), { seq } satisfies MarkRead);
}

/** Reads everything: every row of the caller's up to its newest message; answers the rows changed. */
export function markAllRead(api: ApiClient): Promise<MarkedAllRead> {
  return api.post<MarkedAllRead>(apiPath('POST /api/v1/sidebar/read'), {} satisfies MarkAllRead);
}

export function createCategory(api: ApiClient, name: string): Promise<Category> {
  return api.post<Category>(apiPath('POST /api/v1/sidebar/categories'), { name } satisfies CreateCategory);
}

export function updateCategory(api: ApiClient, id: string, patch: UpdateCategory): Promise<Category> {
  return api.patch<Category>(apiPath('PATCH /api/v1/sidebar/categories/{id}', { id }), patch);
}

export function deleteCategory(api: ApiClient, id: string): Promise<void> {
  return api.delete(apiPath('DELETE /api/v1/sidebar/categories/{id}', { id }));
}
