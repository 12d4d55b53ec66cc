import { useNotifications } from './NotificationsProvider';

/** Opens the notification settings (beside the signed-in user). */
export function NotificationSettingsButton() {
  const { settings, openSettings } = useNotifications();
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid="notification-settings-button"
      aria-label="Notification settings"
      title="Notification settings"
      disabled={!settings}
      onClick={openSettings}
    >
      {settings?.level === 'nothing' ? '🔕' : '🔔'}
    </button>
  );
}
