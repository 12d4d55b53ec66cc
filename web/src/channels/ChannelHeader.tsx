import { useState, type ReactNode } from 'react';
import { Hash, Lock, UsersRound } from 'lucide-react';
import { errorMessage } from '../api/errors';
import type { Channel, Membership } from '../api/types.generated';
import { DrawerButton } from '../shell/drawer';
import { ChannelMenu } from './ChannelMenu';

type ChannelHeaderProps = {
  channel: Channel;
  /** The user's membership; null when not a member. */
  membership: Membership | null;
  /** Null while loading. */
  memberCount: number | null;
  moreMembers: boolean;
  membersOpen: boolean;
  onToggleMembers: () => void;
  onChannel: (channel: Channel) => void;
  /** More header buttons (pinned messages), shown first. */
  extraActions?: ReactNode;
};

/**
 * The channel's name and description, its buttons (search, pins, files, members) and its menu of
 * what the user may do to it (edit, archive or unarchive, leave). What the user may not do is
 * hidden; a refusal from the server is still shown.
 */
export function ChannelHeader(props: ChannelHeaderProps) {
  const { channel, membership, memberCount, moreMembers, membersOpen, onToggleMembers, onChannel, extraActions } = props;
  const [error, setError] = useState<string | null>(null);

  return (
    <header className="channel-header">
      <DrawerButton />
      <div className="channel-header-text">
        <h1 className="channel-title" data-testid="channel-title">
          <span className="channel-hash" aria-hidden="true" data-testid="channel-type-icon" data-type={channel.type}>
            {channel.type === 'private' ? <Lock size={17} /> : <Hash size={19} />}
          </span>
          {channel.name}
          {channel.type === 'private' && <span className="visually-hidden"> (private)</span>}
          {channel.archived && <span className="tag">archived</span>}
        </h1>
        {channel.description && (
          <p className="channel-description" data-testid="channel-description">
            {channel.description}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="channel-action-error">
            {error}
          </p>
        )}
      </div>
      <div className="channel-actions">
        {extraActions}
        <button
          type="button"
          className={membersOpen ? 'button icon-button is-pressed' : 'button icon-button'}
          data-testid="members-button"
          aria-pressed={membersOpen}
          title="Members"
          onClick={onToggleMembers}
        >
          <UsersRound size={16} aria-hidden="true" />
          <span data-testid="member-count">{memberCount === null ? '…' : `${memberCount}${moreMembers ? '+' : ''}`}</span>
          <span className="visually-hidden">{memberCount === 1 ? 'member' : 'members'}</span>
        </button>
        <ChannelMenu
          channel={channel}
          membership={membership}
          onChannel={onChannel}
          onError={(err) => setError(errorMessage(err))}
        />
      </div>
    </header>
  );
}
