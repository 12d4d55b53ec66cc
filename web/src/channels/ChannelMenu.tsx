import { useState } from 'react';
import { Archive, ArchiveRestore, EllipsisVertical, LogOut, Pencil } from 'lucide-react';
import { useNavigate } from 'react-router-dom';
import type { Channel, Membership } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { useSidebar } from '../sidebar/SidebarProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Menu, MenuItem } from '../ui/Menu';
import { leaveChannel, setArchived } from './api';
import { EditChannelDialog } from '../lazy/parts';
import { canArchive, canLeave, canUpdate } from './permissions';

type ChannelMenuProps = {
  channel: Channel;
  membership: Membership | null;
  onChannel: (channel: Channel) => void;
  /** A refusal of an act that needs no confirmation (unarchive, leaving a public channel). */
  onError: (error: unknown) => void;
};

type Dialog = 'edit' | 'archive' | 'leave' | null;

/**
 * The channel's actions the user may take, in the header's menu: edit, archive or unarchive,
 * leave. Archiving, and leaving a private channel (only a member can bring you back), ask first.
 * Without any action for this user there is no menu.
 */
export function ChannelMenu({ channel, membership, onChannel, onError }: ChannelMenuProps) {
  const { api } = useServices();
  const user = useCurrentUser();
  const { channelChanged, removeParent } = useSidebar();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const channelRole = membership?.role ?? null;
  const mayEdit = canUpdate(user.role, channelRole);
  const mayArchive = canArchive(user.role, channelRole, channel);
  const mayLeave = canLeave(channelRole, channel);
  if (!mayEdit && !mayArchive && !mayLeave) return null;

  const changed = (updated: Channel) => {
    onChannel(updated);
    channelChanged(updated);
  };
  const archive = async (archived: boolean) => changed(await setArchived(api, channel.id, archived));
  const leave = async () => {
    await leaveChannel(api, channel.id);
    removeParent(channel.id);
    void navigate(HOME_PATH, { replace: true });
  };
  const name = `${channel.type === 'private' ? '' : '#'}${channel.name}`;

  return (
    <>
      <Menu
        label={`Channel options for ${name}`}
        testId="channel-menu-button"
        buttonClassName="button icon-button channel-menu-button"
        icon={<EllipsisVertical size={16} aria-hidden="true" />}
      >
        {() => (
          <>
            {mayEdit && (
              <MenuItem testId="channel-edit-button" icon={<Pencil size={16} />} onSelect={() => setDialog('edit')}>
                Edit name and description
              </MenuItem>
            )}
            {mayArchive &&
              (channel.archived ? (
                <MenuItem
                  testId="unarchive-button"
                  icon={<ArchiveRestore size={16} />}
                  onSelect={() => archive(false).catch(onError)}
                >
                  Unarchive channel
                </MenuItem>
              ) : (
                <MenuItem testId="archive-button" icon={<Archive size={16} />} onSelect={() => setDialog('archive')}>
                  Archive channel
                </MenuItem>
              ))}
            {mayLeave && (
              <MenuItem
                testId="leave-button"
                danger
                icon={<LogOut size={16} />}
                onSelect={() => (channel.type === 'private' ? setDialog('leave') : void leave().catch(onError))}
              >
                Leave channel
              </MenuItem>
            )}
          </>
        )}
      </Menu>
      {dialog === 'edit' && (
        <EditChannelDialog
          channel={channel}
          onClose={() => setDialog(null)}
          onSaved={(updated) => {
            changed(updated);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'archive' && (
        <ConfirmDialog
          title={`Archive ${name}?`}
          confirmLabel="Archive channel"
          onConfirm={() => archive(true)}
          onClose={() => setDialog(null)}
        >
          <p>Nobody can post in it any more. Its messages stay readable and searchable, and an owner can unarchive it later.</p>
        </ConfirmDialog>
      )}
      {dialog === 'leave' && (
        <ConfirmDialog
          title={`Leave ${name}?`}
          confirmLabel="Leave channel"
          onConfirm={leave}
          onClose={() => setDialog(null)}
        >
          <p>It is a private channel: you will only be able to come back if a member adds you again.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
