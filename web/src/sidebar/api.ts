import type { ApiClient } from '../api/client';
import { parentPath, type ParentRef } from '../api/paths';
import type {
  Category,
  CreateCategory,
  MarkRead,
  Membership,
  Sidebar,
  UpdateCategory,
  UpdateMembership,
} from '../api/types.generated';

export function getSidebar(api: ApiClient): Promise<Sidebar> {
  return api.get<Sidebar>('/api/v1/sidebar');
}

export function updateMembership(api: ApiClient, parent: ParentRef, patch: UpdateMembership): Promise<Membership> {
  return api.patch<Membership>(`${parentPath(parent)}/membership`, patch);
}

export function markRead(api: ApiClient, parent: ParentRef, seq: number): Promise<Membership> {
  return api.post<Membership>(`${parentPath(parent)}/read`, { seq } satisfies MarkRead);
}

export function createCategory(api: ApiClient, name: string): Promise<Category> {
  return api.post<Category>('/api/v1/sidebar/categories', { name } satisfies CreateCategory);
}

export function updateCategory(api: ApiClient, id: string, patch: UpdateCategory): Promise<Category> {
  return api.patch<Category>(`/api/v1/sidebar/categories/${encodeURIComponent(id)}`, patch);
}

export function deleteCategory(api: ApiClient, id: string): Promise<void> {
  return api.delete(`/api/v1/sidebar/categories/${encodeURIComponent(id)}`);
}
