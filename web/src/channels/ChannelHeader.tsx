import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { Channel, Membership } from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { useSidebar } from '../sidebar/SidebarProvider';
import { leaveChannel, setArchived } from './api';
import { EditChannelDialog } from '../lazy/parts';
import { canArchive, canLeave, canUpdate } from './permissions';
import { DrawerButton } from '../shell/drawer';

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
 * The channel's name and description, its members button, and the actions the user may take:
 * edit, archive or unarchive, leave. What the user may not do is hidden; a refusal from the server
 * is still shown.
 */
export function ChannelHeader(props: ChannelHeaderProps) {
  const { channel, membership, memberCount, moreMembers, membersOpen, onToggleMembers, onChannel, extraActions } = props;
  const { api } = useServices();
  const user = useCurrentUser();
  const { channelChanged, removeParent } = useSidebar();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const channelRole = membership?.role ?? null;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const archive = (archived: boolean) =>
    act(async () => {
      const updated = await setArchived(api, channel.id, archived);
      onChannel(updated);
      channelChanged(updated);
    });

  const leave = () =>
    act(async () => {
      await leaveChannel(api, channel.id);
      removeParent(channel.id);
      void navigate(HOME_PATH, { replace: true });
    });

  return (
    <header className="channel-header">
      <DrawerButton />
      <div className="channel-header-text">
        <h1 className="channel-title" data-testid="channel-title">
          <span className="channel-hash" aria-hidden="true">
            {channel.type === 'private' ? '🔒' : '#'}
          </span>
          {channel.name}
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
          className={membersOpen ? 'button is-pressed' : 'button'}
          data-testid="members-button"
          aria-pressed={membersOpen}
          onClick={onToggleMembers}
        >
          <span data-testid="member-count">{memberCount === null ? '…' : `${memberCount}${moreMembers ? '+' : ''}`}</span>{' '}
          {memberCount === 1 ? 'member' : 'members'}
        </button>
        {canUpdate(user.role, channelRole) && (
          <button type="button" className="button" data-testid="channel-edit-button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {canArchive(user.role, channelRole, channel) &&
          (channel.archived ? (
            <button
              type="button"
              className="button"
              data-testid="unarchive-button"
              disabled={busy}
              onClick={() => void archive(false)}
            >
              Unarchive
            </button>
          ) : (
            <button
              type="button"
              className="button"
              data-testid="archive-button"
              disabled={busy}
              onClick={() => void archive(true)}
            >
              Archive
            </button>
          ))}
        {canLeave(channelRole, channel) && (
          <button type="button" className="button" data-testid="leave-button" disabled={busy} onClick={() => void leave()}>
            Leave
          </button>
        )}
      </div>
      {editing && (
        <EditChannelDialog
          channel={channel}
          onClose={() => setEditing(false)}
          onSaved={(updated) => {
            onChannel(updated);
            channelChanged(updated);
            setEditing(false);
          }}
        />
      )}
    </header>
  );
}
