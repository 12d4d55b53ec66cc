import type { ApiClient } from '../api/client';
import type { NotificationSettings } from '../api/types.generated';

export function fetchSettings(api: ApiClient): Promise<NotificationSettings> {
  return api.get<NotificationSettings>('/api/v1/me/notifications');
}

export function saveSettings(api: ApiClient, settings: NotificationSettings): Promise<NotificationSettings> {
  return api.put<NotificationSettings>('/api/v1/me/notifications', settings);
}
