import type { Message } from '../api/types.generated';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { Avatar } from '../users/Avatar';

type ReplySummaryProps = {
  root: Message;
  nameOf: (id: string) => string;
  onOpen: () => void;
};

/** Under a thread's root: who replied lately, "3 replies", and when the last one came. */
export function ReplySummary({ root, nameOf, onOpen }: ReplySummaryProps) {
  if (root.replyCount === 0) return null;
  const repliers = root.recentReplierIDs.slice(-3);
  return (
    <button type="button" className="reply-summary" data-testid="reply-summary" onClick={onOpen}>
      <span className="reply-avatars" aria-hidden="true">
        {repliers.map((id) => (
          <span key={id} title={nameOf(id)} data-testid="replier-avatar" data-user-id={id}>
            <Avatar userId={id} name={nameOf(id)} />
          </span>
        ))}
      </span>
      <span className="message-replies" data-testid="reply-count">
        {root.replyCount === 1 ? '1 reply' : `${root.replyCount} replies`}
      </span>
      {root.lastReplyAt && (
        <time className="reply-last" dateTime={root.lastReplyAt} title={formatFullTime(root.lastReplyAt)}>
          Last reply {formatMessageTime(root.lastReplyAt)}
        </time>
      )}
    </button>
  );
}
