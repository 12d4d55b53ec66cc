import { useRef, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Message } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { EmojiPicker } from '../lazy/parts';
import { QUICK_REACTIONS } from '../reactions/reactions';
import type { ReactFn } from '../reactions/useReact';
import { deleteMessage, setPinned } from './api';
import { messageUrl } from './links';
import { useMessageScope } from './MessageScope';

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
  const remove = () => {
    const whose = mine ? 'this message' : 'this message for everyone (as a channel admin)';
    if (window.confirm(`Delete ${whose}? This cannot be undone.`)) deleteMessage(api, scope.parent, message).catch(fail);
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
          ☺+
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
          💬
        </ActionButton>
      )}
      {mine && (
        <ActionButton testId="edit-button" label="Edit" onClick={() => scope.setEditingId(message.id)}>
          ✎
        </ActionButton>
      )}
      <ActionButton
        testId="pin-button"
        label={message.pinnedAt ? 'Unpin' : 'Pin'}
        pressed={Boolean(message.pinnedAt)}
        onClick={() => setPinned(api, scope.parent, message, !message.pinnedAt).then(scope.onUpdated, fail)}
      >
        📌
      </ActionButton>
      <ActionButton testId="copy-link-button" label="Copy link" onClick={copyLink} data={{ link }}>
        🔗
      </ActionButton>
      {scope.markUnread && !message.threadRootID && (
        <ActionButton testId="mark-unread-button" label="Mark unread from here" onClick={() => scope.markUnread?.(message)}>
          ◉
        </ActionButton>
      )}
      {canDelete && (
        <ActionButton testId="delete-button" label="Delete" danger onClick={remove}>
          🗑
        </ActionButton>
      )}
      {note && (
        <span className="action-note" role="status">
          {note}
        </span>
      )}
    </div>
  );
}

type ActionButtonProps = {
  testId: string;
  label: string;
  onClick: () => void;
  children: string;
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
