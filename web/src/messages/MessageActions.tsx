import { useRef, useState, type ReactNode } from 'react';
import { CircleDot, Link, MessageSquareText, Pencil, Pin, PinOff, SmilePlus, Trash2 } from 'lucide-react';
import { errorMessage } from '../api/errors';
import type { Message } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { EmojiPicker } from '../lazy/parts';
import { QUICK_REACTIONS } from '../reactions/reactions';
import type { ReactFn } from '../reactions/useReact';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { deleteMessage, setPinned } from './api';
import { messageUrl } from './links';
import { useMessageScope } from './MessageScope';

/** The action icons' size in pixels. */
const ICON = 16;

/** About the emoji picker's height, to choose whether it opens up or down. */
const PICKER_HEIGHT_PX = 360;

/**
 * What one can do to a message, shown on hover: react (quick reactions or any emoji), reply in
 * the thread, edit and delete, pin, copy a link, mark unread from here.
 */
export function MessageActions({ message, react }: { message: Message; react: ReactFn }) {
  const { api } = useServices();
  const me = useCurrentUser().id;
  const scope = useMessageScope();
  const [picking, setPicking] = useState<'above' | 'below' | null>(null);
  const anchor = useRef<HTMLSpanElement>(null);
  // The picker opens downwards unless that would run off the bottom of the window.
  const togglePicker = () => {
    if (picking) return setPicking(null);
    const rect = anchor.current?.getBoundingClientRect();
    setPicking(rect && rect.bottom + PICKER_HEIGHT_PX > window.innerHeight ? 'above' : 'below');
  };
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const mine = message.authorID === me;
  const canDelete = mine || (scope.parent.type === 'channel' && scope.canModerate);
  const link = messageUrl(window.location.origin, scope.parentHref, message.id, message.threadRootID);
  const fail = (err: unknown) => setNote(errorMessage(err));
  const mineAlready = (emoji: string) => message.reactions[emoji]?.includes(me) ?? false;

  const copyLink = () => {
    navigator.clipboard.writeText(link).then(
      () => setNote('Link copied'),
      () => setNote('Could not copy: use the address bar'),
    );
  };

  return (
    <div
      className={picking ? 'message-actions is-open' : 'message-actions'}
      data-testid="message-actions"
      role="toolbar"
      aria-label="Message actions"
      onMouseLeave={() => setNote(null)}
    >
      {QUICK_REACTIONS.filter((emoji) => !mineAlready(emoji)).slice(0, 4).map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="action-button"
          data-testid="reaction-button"
          data-emoji={emoji}
          title={`React with ${emoji}`}
          aria-label={`React with ${emoji}`}
          onClick={() => react(emoji, true)}
        >
          {emoji}
        </button>
      ))}
      <span className="action-anchor" ref={anchor}>
        <ActionButton testId="add-reaction-button" label="Add a reaction" onClick={togglePicker}>
          <SmilePlus size={ICON} />
        </ActionButton>
        {picking && (
          <EmojiPicker
            placement={picking}
            recent={QUICK_REACTIONS}
            onPick={(emoji) => react(emoji, !mineAlready(emoji))}
            onClose={() => setPicking(null)}
          />
        )}
      </span>
      {!scope.inThread && (
        <ActionButton testId="reply-button" label="Reply in thread" onClick={() => scope.openThread(message.id)}>
          <MessageSquareText size={ICON} />
        </ActionButton>
      )}
      {mine && (
        <ActionButton testId="edit-button" label="Edit" onClick={() => scope.setEditingId(message.id)}>
          <Pencil size={ICON} />
        </ActionButton>
      )}
      <ActionButton
        testId="pin-button"
        label={message.pinnedAt ? 'Unpin' : 'Pin'}
        pressed={Boolean(message.pinnedAt)}
        onClick={() => setPinned(api, scope.parent, message, !message.pinnedAt).then(scope.onUpdated, fail)}
      >
        {message.pinnedAt ? <PinOff size={ICON} /> : <Pin size={ICON} />}
      </ActionButton>
      <ActionButton testId="copy-link-button" label="Copy link" onClick={copyLink} data={{ link }}>
        <Link size={ICON} />
      </ActionButton>
      {scope.markUnread && !message.threadRootID && (
        <ActionButton testId="mark-unread-button" label="Mark unread from here" onClick={() => scope.markUnread?.(message)}>
          <CircleDot size={ICON} />
        </ActionButton>
      )}
      {canDelete && (
        <ActionButton testId="delete-button" label="Delete" danger onClick={() => setConfirming(true)}>
          <Trash2 size={ICON} />
        </ActionButton>
      )}
      {note && (
        <span className="action-note" role="status">
          {note}
        </span>
      )}
      {confirming && (
        <ConfirmDialog
          title="Delete this message?"
          confirmLabel="Delete"
          onConfirm={() => deleteMessage(api, scope.parent, message)}
          onClose={() => setConfirming(false)}
        >
          <p>
            {mine
              ? 'It is removed for everyone in the conversation. This cannot be undone.'
              : 'It is removed for everyone, as you moderate this channel. This cannot be undone.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

type ActionButtonProps = {
  testId: string;
  label: string;
  onClick: () => void;
  children: ReactNode;
  pressed?: boolean;
  danger?: boolean;
  data?: Record<string, string>;
};

function ActionButton({ testId, label, onClick, children, pressed, danger, data }: ActionButtonProps) {
  const dataAttributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <button
      type="button"
      className={danger ? 'action-button is-danger' : 'action-button'}
      data-testid={testId}
      title={label}
      aria-label={label}
      aria-pressed={pressed}
      onClick={onClick}
      {...dataAttributes}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
