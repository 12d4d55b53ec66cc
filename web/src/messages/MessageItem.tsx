import { memo, useState } from 'react';
import { Pin } from 'lucide-react';
import type { Message } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { Attachments } from '../files/Attachments';
import { Markdown } from '../markdown/Markdown';
import { PresenceDot } from '../presence/PresenceDot';
import { PersonName } from '../profile/ProfileCard';
import { ReactionBar } from '../reactions/ReactionBar';
import { useReact } from '../reactions/useReact';
import { ReplySummary } from '../threads/ReplySummary';
import { Avatar } from '../users/Avatar';
import { useHandleNames } from '../users/useUsers';
import { EditHistoryDialog } from '../lazy/parts';
import { EditMessageForm } from './EditMessageForm';
import { formatFullTime, formatMessageTime } from './formatTime';
import { MessageActions } from './MessageActions';
import { useMessageScope } from './MessageScope';
import { rowAttributes, samePropsAndPlacement, type RowPlacement } from './rowAttributes';

type MessageItemProps = {
  message: Message;
  authorName: string;
  /** Continues the previous message's group: author and time shown only on hover. */
  compact: boolean;
  nameOf: (id: string) => string;
  /** `message` in lists; the thread panel uses `thread-root` and `thread-reply`. */
  testId?: string;
  /** Its place in the virtualised list (the main list only). */
  placement?: RowPlacement;
};

/**
 * One message. The body is formatted Markdown built as React elements, never HTML. Kept as it is
 * while its props stay the same: scrolling the list renders only the rows coming into view.
 */
export const MessageItem = memo(function MessageItem({
  message,
  authorName,
  compact,
  nameOf,
  testId = 'message',
  placement,
}: MessageItemProps) {
  const me = useCurrentUser();
  const scope = useMessageScope();
  const [reactionError, setReactionError] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const react = useReact(message, setReactionError);
  const mentionName = useHandleNames(message.mentionIDs);
  const editing = scope.editingId === message.id && !message.deleted;
  const highlighted = scope.highlightId === message.id;
  const className = ['message', compact && 'is-compact', highlighted && 'is-highlighted', editing && 'is-editing']
    .filter(Boolean)
    .join(' ');

  return (
    <li
      {...rowAttributes(placement)}
      className={className}
      data-testid={testId}
      data-message-id={message.id}
      data-author-id={message.authorID}
      data-highlighted={highlighted || undefined}
      data-pinned={message.pinnedAt ? true : undefined}
    >
      <div className="message-gutter" aria-hidden="true">
        {compact ? (
          <time className="message-time-hover" dateTime={message.createdAt}>
            {formatMessageTime(message.createdAt)}
          </time>
        ) : (
          <span className="avatar-with-presence">
            <Avatar userId={message.authorID} name={authorName} />
            <PresenceDot userId={message.authorID} />
          </span>
        )}
      </div>
      <div className="message-content">
        <div className={compact ? 'message-meta visually-hidden' : 'message-meta'}>
          <span className="message-author">
            <PersonName userId={message.authorID} name={authorName} testId="message-author" />
          </span>
          <time className="message-time" dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
            {formatMessageTime(message.createdAt)}
          </time>
        </div>
        {message.pinnedAt && !message.deleted && (
          <p className="message-pinned" data-testid="pinned-marker">
            <Pin size={13} aria-hidden="true" /> Pinned by {message.pinnedBy ? nameOf(message.pinnedBy) : 'someone'}
          </p>
        )}
        {message.deleted ? (
          <p className="message-body is-deleted" data-testid="deleted-message">
            This message was deleted.
          </p>
        ) : editing ? (
          <EditMessageForm message={message} parent={scope.parent} onDone={() => scope.setEditingId(null)} />
        ) : (
          <div className="message-body" data-testid="message-body">
            <Markdown
              body={message.body}
              mentionName={mentionName}
              myHandle={me.handle}
              after={
                message.editedAt ? (
                  <button
                    type="button"
                    className="message-edited"
                    data-testid="message-edited"
                    title={`Edited ${formatFullTime(message.editedAt)}: see earlier versions`}
                    aria-haspopup="dialog"
                    onClick={() => setHistoryOpen(true)}
                  >
                    (edited)
                  </button>
                ) : null
              }
            />
          </div>
        )}
        {!message.deleted && <Attachments parent={scope.parent} attachments={message.attachments} />}
        {!message.deleted && (
          <ReactionBar message={message} me={me.id} nameOf={nameOf} react={react} error={reactionError} />
        )}
        {!scope.inThread && (
          <ReplySummary root={message} nameOf={nameOf} onOpen={() => scope.openThread(message.id)} />
        )}
      </div>
      {!message.deleted && !editing && <MessageActions message={message} react={react} />}
      {historyOpen && !message.deleted && (
        <EditHistoryDialog parent={scope.parent} message={message} onClose={() => setHistoryOpen(false)} />
      )}
    </li>
  );
}, samePropsAndPlacement);
