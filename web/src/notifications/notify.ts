import type { Membership, Notification, NotificationSettings } from '../api/types.generated';

/** What the reader is looking at when a notification arrives. */
export type Attention = {
  /** The tab is visible. */
  visible: boolean;
  /** The channel or conversation on screen, if any. */
  openParentID: string | null;
  /** The thread open beside it, if any. */
  openThreadID: string | null;
};

export type Delivery = { toast: boolean; desktop: boolean; sound: boolean };

/**
 * Whether the reader's level lets this kind through: the server's rule (it filters already; this
 * guards a change made on another device and not yet heard of). "mentions" keeps mentions and
 * conversation messages, not thread replies.
 */
export function levelAllows(settings: NotificationSettings, notification: Notification): boolean {
  switch (settings.level) {
    case 'all':
      return true;
    case 'mentions':
      return (
        notification.kind === 'mention' ||
        (notification.kind === 'message' && notification.parentType === 'conversation')
      );
    case 'nothing':
      return false;
  }
}

/** The reader's settings in one place: the level they chose for it, else their own. */
export function placeSettings(settings: NotificationSettings, membership: Membership | null): NotificationSettings {
  const level = membership?.notifyLevel;
  return level ? { ...settings, level } : settings;
}

/**
 * How a notification reaches the reader: not at all when their level says no, nor while they
 * are looking right at it. Otherwise an in-app toast, a desktop notification when allowed and
 * they are elsewhere (another tab or conversation), and a sound when chosen.
 */
export function delivery(
  notification: Notification,
  settings: NotificationSettings,
  attention: Attention,
  permission: NotificationPermission | 'unsupported',
): Delivery {
  const none = { toast: false, desktop: false, sound: false };
  if (!levelAllows(settings, notification)) return none;
  const here = notification.threadRootID
    ? attention.openThreadID === notification.threadRootID && attention.openParentID === notification.parentID
    : attention.openParentID === notification.parentID;
  if (attention.visible && here) return none;
  return {
    toast: true,
    desktop: settings.desktop && permission === 'granted' && (!attention.visible || !here),
    sound: settings.sound,
  };
}

/** "Ann mentioned you in #general", "Ann replied to a thread in #general", "Ann in #general". */
export function notificationTitle(kind: Notification['kind'], author: string, where: string): string {
  switch (kind) {
    case 'mention':
      return `${author} mentioned you in ${where}`;
    case 'thread_reply':
      return `${author} replied to a thread in ${where}`;
    case 'message':
      return where.startsWith('#') ? `${author} in ${where}` : `${author} wrote to you`;
  }
}
