import { X } from 'lucide-react';
import type { NotificationKind } from '../api/types.generated';
import { useUserNames } from '../users/useUsers';
import { notificationTitle } from './notify';

export type Toast = {
  id: string;
  kind: NotificationKind;
  authorID: string;
  /** "#general", or a conversation's title. */
  where: string;
  body: string;
  /** The message's link. */
  href: string;
};

type ToastsProps = {
  toasts: Toast[];
  onOpen: (toast: Toast) => void;
  onDismiss: (id: string) => void;
};

/** Notifications in the app's corner, newest on top: click one to open the message. */
export function Toasts({ toasts, onOpen, onDismiss }: ToastsProps) {
  const nameOf = useUserNames(toasts.map((t) => t.authorID));
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" role="status" data-testid="notification-toast" data-kind={toast.kind}>
          <button type="button" className="toast-open" data-testid="notification-open" onClick={() => onOpen(toast)}>
            <strong className="toast-title">{notificationTitle(toast.kind, nameOf(toast.authorID), toast.where)}</strong>
            <span className="toast-body">{toast.body}</span>
          </button>
          <button
            type="button"
            className="button button-quiet toast-close"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => onDismiss(toast.id)}
          >
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
