import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { NotificationSettings } from '../api/types.generated';

export function fetchSettings(api: ApiClient): Promise<NotificationSettings> {
  return api.get<NotificationSettings>(apiPath('GET /api/v1/me/notifications'));
}

export function saveSettings(api: ApiClient, settings: NotificationSettings): Promise<NotificationSettings> {
  return api.put<NotificationSettings>(apiPath('PUT /api/v1/me/notifications'), settings);
}
