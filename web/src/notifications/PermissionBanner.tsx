import { useState } from 'react';
import { useNotifications } from './NotificationsProvider';

const DISMISSED_KEY = 'parley.notificationBannerDismissed';

/** Asks to turn on the browser's notifications (once the reader wants desktop notifications). */
export function PermissionBanner() {
  const { needsPermission } = useNotifications();
  const [hidden, setHidden] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  if (hidden || !needsPermission) return null;
  const close = () => {
    localStorage.setItem(DISMISSED_KEY, '1');
    setHidden(true);
  };
  return (
    <div className="permission-banner" role="region" aria-label="Desktop notifications" data-testid="notification-permission-banner">
      <span>Parley needs your permission to show desktop notifications.</span>
      <button
        type="button"
        className="button button-primary"
        data-testid="notification-permission-allow"
        onClick={() => {
          void window.Notification.requestPermission().finally(() => setHidden(true));
        }}
      >
        Turn on
      </button>
      <button type="button" className="button button-quiet" onClick={close}>
        Not now
      </button>
    </div>
  );
}
