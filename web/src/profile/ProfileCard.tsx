import { useEffect, useReducer, useRef, useState } from 'react';
import { displayName } from '../users/useUsers';
import { Avatar } from '../users/Avatar';
import { PresenceDot } from '../presence/PresenceDot';
import { useDismiss } from '../ui/useDismiss';
import { localTimeIn, statusTitle } from './status';
import { StatusEmoji } from './StatusEmoji';
import { useCurrentStatus, useUserView } from './useStatus';

/**
 * A person's name that opens a small card about them (status, local time) when clicked, with
 * their status emoji beside it.
 */
export function PersonName({ userId, name, testId }: { userId: string; name: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLSpanElement>(null);
  useDismiss(ref, open, () => setOpen(false));
  return (
    <span className="person-name" ref={ref}>
      <button
        type="button"
        className="person-name-button"
        data-testid={testId}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((was) => !was)}
      >
        {name}
      </button>
      <StatusEmoji userId={userId} />
      {open && <ProfileCard userId={userId} />}
    </span>
  );
}

/** Who someone is, what they are up to and what time it is where they are. */
function ProfileCard({ userId }: { userId: string }) {
  const user = useUserView(userId);
  const status = useCurrentStatus(user?.status);
  const now = useMinuteClock();
  const local = user?.timeZone ? localTimeIn(user.timeZone, now) : null;
  return (
    <div className="profile-card" role="dialog" aria-label="Profile" data-testid="profile-card" data-user-id={userId}>
      <div className="profile-card-head">
        <span className="avatar-with-presence">
          <Avatar name={user?.displayName ?? '?'} />
          <PresenceDot userId={userId} />
        </span>
        <div>
          <div className="profile-card-name">{displayName(user)}</div>
          {user && <div className="muted">@{user.handle}</div>}
        </div>
      </div>
      {status && (
        <p className="profile-card-status" data-testid="profile-card-status">
          {status.emoji && <span aria-hidden="true">{status.emoji} </span>}
          {statusTitle(status, now)}
        </p>
      )}
      {local && (
        <p className="muted" data-testid="profile-local-time" data-time-zone={user?.timeZone}>
          {local} local time
        </p>
      )}
    </div>
  );
}

/** The time now, renewed often enough for a clock showing minutes. */
function useMinuteClock(): Date {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, 15_000);
    return () => clearInterval(timer);
  }, []);
  return new Date();
}
