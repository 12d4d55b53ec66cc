import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Notification, NotificationSettings } from '../api/types.generated';
import { useServices } from '../core/services';
import { useConversationTitles } from '../conversations/useConversationTitle';
import { plainText } from '../markdown/plain';
import { useRealtimeEvent } from '../realtime/hooks';
import { useSidebar } from '../sidebar/SidebarProvider';
import { findMembership } from '../sidebar/sidebarStore';
import { fetchSettings, saveSettings } from './api';
import { NotificationSettingsDialog } from '../lazy/parts';
import { delivery, notificationTitle, placeSettings } from './notify';
import { playChime } from './sound';
import { notificationTarget } from './target';
import { Toasts, type Toast } from './Toasts';

/** How long a toast stays unless the reader hovers it. */
const TOAST_MS = 8_000;
const MAX_TOASTS = 4;

type NotificationsContextValue = {
  settings: NotificationSettings | null;
  openSettings: () => void;
  /** Desktop notifications are wanted, but the browser has not been asked yet. */
  needsPermission: boolean;
};

const NotificationsContext = createContext<NotificationsContextValue | null>(null);

function permission(): NotificationPermission | 'unsupported' {
  return 'Notification' in window ? window.Notification.permission : 'unsupported';
}

/**
 * Shows what the server notifies the reader of (`notification.new`): a toast in the app, a
 * desktop notification when allowed and the reader is elsewhere, a chime when chosen. Clicking
 * either opens the message. Also holds the reader's notification settings.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { api, users } = useServices();
  const { sidebar, openParent } = useSidebar();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const conversations = useMemo(() => sidebar?.conversations.map((c) => c.conversation) ?? [], [sidebar]);
  const conversationTitle = useConversationTitles(conversations);
  const openThread = params.get('thread');
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    let cancelled = false;
    fetchSettings(api).then(
      (loaded) => !cancelled && setSettings(loaded),
      () => {
        // Without settings: the defaults the server uses (everything, in the app only).
        if (!cancelled) setSettings({ level: 'all', desktop: false, sound: false });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);

  const dismiss = useCallback((id: string) => {
    setToasts((current) => current.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const open = useCallback(
    (toast: Toast) => {
      dismiss(toast.id);
      void navigate(toast.href);
    },
    [dismiss, navigate],
  );

  const show = (notification: Notification) => {
    if (!settings) return;
    const how = delivery(
      notification,
      placeSettings(settings, sidebar ? findMembership(sidebar, notification.parentID) : null),
      { visible: document.visibilityState === 'visible', openParentID: openParent?.id ?? null, openThreadID: openThread },
      permission(),
    );
    if (!how.toast) return;
    const conversation = conversations.find((c) => c.id === notification.parentID);
    const { where, href } = notificationTarget(notification, sidebar, () =>
      conversation ? conversationTitle(conversation) : null,
    );
    const toast: Toast = {
      id: `${notification.messageID}:${notification.kind}`,
      kind: notification.kind,
      authorID: notification.authorID,
      where,
      body: plainText(notification.excerpt),
      href,
    };
    setToasts((current) => [toast, ...current.filter((t) => t.id !== toast.id)].slice(0, MAX_TOASTS));
    timers.current.set(toast.id, setTimeout(() => dismiss(toast.id), TOAST_MS));
    if (how.sound) playChime();
    if (how.desktop) showDesktop(toast, users.get(notification.authorID)?.displayName ?? 'Someone');
  };

  const showDesktop = (toast: Toast, author: string) => {
    try {
      const desktop = new window.Notification(notificationTitle(toast.kind, author, toast.where), {
        body: toast.body,
        tag: toast.id,
      });
      desktop.onclick = () => {
        window.focus();
        open(toast);
        desktop.close();
      };
    } catch {
      // Some browsers only notify through a service worker: the toast is there all the same.
    }
  };

  useRealtimeEvent((event) => {
    if (event.type === 'notification.new') show(event.data);
  });

  const save = async (next: NotificationSettings) => {
    setSettings(await saveSettings(api, next));
  };

  const needsPermission = Boolean(settings?.desktop) && permission() === 'default';
  const value = useMemo(
    () => ({ settings, openSettings: () => setDialogOpen(true), needsPermission }),
    [settings, needsPermission],
  );

  return (
    <NotificationsContext.Provider value={value}>
      {children}
      <Toasts toasts={toasts} onOpen={open} onDismiss={dismiss} />
      {dialogOpen && settings && (
        <NotificationSettingsDialog settings={settings} onSave={save} onClose={() => setDialogOpen(false)} />
      )}
    </NotificationsContext.Provider>
  );
}

export function useNotifications(): NotificationsContextValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications outside NotificationsProvider');
  return value;
}
