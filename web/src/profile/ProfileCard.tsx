import { useEffect, useReducer, useRef, useState, type CSSProperties } from 'react';
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
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const ref = useRef<HTMLSpanElement>(null);
  useDismiss(ref, place !== null, () => setPlace(null));
  return (
    <span className="person-name" ref={ref}>
      <button
        type="button"
        className="person-name-button"
        data-testid={testId}
        aria-expanded={place !== null}
        aria-haspopup="dialog"
        onClick={(e) => setPlace(place ? null : cardPlace(e.currentTarget.getBoundingClientRect()))}
      >
        {name}
      </button>
      <StatusEmoji userId={userId} />
      {place && <ProfileCard userId={userId} style={place} />}
    </span>
  );
}

/** Room the card needs; it opens above the name when there is less below. */
const CARD_HEIGHT_PX = 180;
const CARD_WIDTH_PX = 260;

/**
 * Where the card goes: fixed to the window (a scrolling list, such as the members panel, would
 * cut it off), under the name or above it near the bottom, and inside the window's width.
 */
function cardPlace(name: DOMRect): CSSProperties {
  const left = Math.max(8, Math.min(name.left, window.innerWidth - CARD_WIDTH_PX - 8));
  return name.bottom + CARD_HEIGHT_PX > window.innerHeight
    ? { left, bottom: window.innerHeight - name.top + 4 }
    : { left, top: name.bottom + 4 };
}

/** Who someone is, what they are up to and what time it is where they are. */
function ProfileCard({ userId, style }: { userId: string; style: CSSProperties }) {
  const user = useUserView(userId);
  const status = useCurrentStatus(user?.status);
  const now = useMinuteClock();
  const local = user?.timeZone ? localTimeIn(user.timeZone, now) : null;
  return (
    <div
      className="profile-card"
      role="dialog"
      aria-label="Profile"
      data-testid="profile-card"
      data-user-id={userId}
      style={style}
    >
      <div className="profile-card-head">
        <span className="avatar-with-presence">
          <Avatar userId={userId} name={user?.displayName ?? '?'} />
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

/** One line about a person (a direct message's other person): their status and local time. */
export function PersonDetails({ userId }: { userId: string }) {
  const user = useUserView(userId);
  const status = useCurrentStatus(user?.status);
  const now = useMinuteClock();
  const local = user?.timeZone ? localTimeIn(user.timeZone, now) : null;
  const parts = [
    status && `${status.emoji ? `${status.emoji} ` : ''}${statusTitle(status, now)}`,
    local && `${local} local time`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p className="channel-description" data-testid="person-details" data-user-id={userId}>
      {parts.join(' · ')}
    </p>
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
