import { usePresence } from './PresenceProvider';

const LABEL = { online: 'online', away: 'away', offline: 'offline' } as const;

/** A dot by a person: filled when online, hollow when away, none when offline or unknown. */
export function PresenceDot({ userId }: { userId: string }) {
  const status = usePresence(userId);
  if (!status || status === 'offline') return null;
  return (
    <span
      className={`presence-dot is-${status}`}
      data-testid="presence-dot"
      data-status={status}
      data-user-id={userId}
      role="img"
      title={LABEL[status]}
      aria-label={LABEL[status]}
    />
  );
}
