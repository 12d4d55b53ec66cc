import { useCurrentStatus, useUserView } from './useStatus';
import { statusTitle } from './status';

/** A person's status emoji beside their name, its words (and until when) on hover. */
export function StatusEmoji({ userId }: { userId: string }) {
  const user = useUserView(userId);
  const status = useCurrentStatus(user?.status);
  if (!status) return null;
  const title = statusTitle(status, new Date());
  return (
    <span
      className="status-emoji"
      data-testid="status-emoji"
      data-user-id={userId}
      data-clear-at={status.clearAt ?? undefined}
      title={title}
      aria-label={`Status: ${title}`}
      role="img"
    >
      {status.emoji || '💬'}
    </span>
  );
}
