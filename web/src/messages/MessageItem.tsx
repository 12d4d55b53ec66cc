import type { ParentRef } from '../api/paths';
import type { Message } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { Markdown } from '../markdown/Markdown';
import { MessageActions } from './MessageActions';
import { PresenceDot } from '../presence/PresenceDot';
import { ReactionBar } from '../reactions/ReactionBar';
import { useOpenThread } from '../threads/useOpenThread';
import { Avatar } from '../users/Avatar';
import { formatFullTime, formatMessageTime } from './formatTime';

type MessageItemProps = {
  message: Message;
  authorName: string;
  /** Continues the previous message's group: author and time shown only on hover. */
  compact: boolean;
  parent: ParentRef;
  nameOf: (id: string) => string;
};

/** One message. The body is formatted Markdown built as React elements, never HTML. */
export function MessageItem({ message, authorName, compact, parent, nameOf }: MessageItemProps) {
  const me = useCurrentUser().id;
  const thread = useOpenThread();
  return (
    <li
      className={compact ? 'message is-compact' : 'message'}
      data-testid="message"
      data-message-id={message.id}
      data-author-id={message.authorID}
    >
      <div className="message-gutter" aria-hidden="true">
        {compact ? (
          <time className="message-time-hover" dateTime={message.createdAt}>
            {formatMessageTime(message.createdAt)}
          </time>
        ) : (
          <span className="avatar-with-presence">
            <Avatar name={authorName} />
            <PresenceDot userId={message.authorID} />
          </span>
        )}
      </div>
      <div className="message-content">
        <div className={compact ? 'message-meta visually-hidden' : 'message-meta'}>
          <span className="message-author" data-testid="message-author">
            {authorName}
          </span>
          <time
            className="message-time"
            dateTime={message.createdAt}
            title={formatFullTime(message.createdAt)}
          >
            {formatMessageTime(message.createdAt)}
          </time>
        </div>
        {message.deleted ? (
          <p className="message-body is-deleted" data-testid="deleted-message">
            This message was deleted.
          </p>
        ) : (
          <div className="message-body" data-testid="message-body">
            <Markdown body={message.body} />
            {message.editedAt && <span className="message-edited"> (edited)</span>}
            {message.pinnedAt && (
              <span className="message-pinned" data-testid="pinned-marker">
                {' '}
                📌 pinned
              </span>
            )}
          </div>
        )}
        {message.replyCount > 0 && (
          <button
            type="button"
            className="message-replies"
            data-testid="reply-count"
            onClick={() => thread.open(message.id)}
          >
            {message.replyCount === 1 ? '1 reply' : `${message.replyCount} replies`}
          </button>
        )}
        {!message.deleted && (
          <MessageActions
            message={message}
            parent={parent}
            mine={message.authorID === me}
            onReply={() => thread.open(message.id)}
          />
        )}
        {!message.deleted && <ReactionBar message={message} parent={parent} me={me} nameOf={nameOf} />}
      </div>
    </li>
  );
}
