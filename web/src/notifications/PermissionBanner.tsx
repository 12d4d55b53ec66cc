import { useState } from 'react';
import { useNotifications } from './NotificationsProvider';

const DISMISSED_KEY = 'parley.notificationBannerDismissed';

/**
 * Asks to turn on the browser's notifications (once the reader wants desktop notifications).
 * On a phone it is one short line: a shorter question, and "Not now" as a ✕ (same name).
 */
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
      <span className="permission-banner-text">
        <span className="when-wide">Parley needs your permission to show desktop notifications.</span>
        <span className="when-narrow">Show desktop notifications?</span>
      </span>
      <button
        type="button"
        className="button button-primary permission-banner-allow"
        data-testid="notification-permission-allow"
        onClick={() => {
          void window.Notification.requestPermission().finally(() => setHidden(true));
        }}
      >
        Turn on
      </button>
      <button
        type="button"
        className="button button-quiet permission-banner-dismiss"
        data-testid="notification-permission-dismiss"
        aria-label="Not now"
        title="Not now"
        onClick={close}
      >
        <span className="when-wide">Not now</span>
        <span className="when-narrow" aria-hidden="true">
          ✕
        </span>
      </button>
    </div>
  );
}
