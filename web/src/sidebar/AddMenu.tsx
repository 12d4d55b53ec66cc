import { useState } from 'react';
import { Hash, MessageSquarePlus, Plus, UserRoundPlus } from 'lucide-react';
import { useCurrentUser } from '../auth/session';
import { canCreateChannel } from '../channels/permissions';
import { CreateChannelDialog, InviteDialog, NewConversationDialog } from '../lazy/parts';
import { canInvite } from '../invites/permissions';
import { Menu, MenuItem } from '../ui/Menu';
import { useWorkspace } from '../workspace/WorkspaceProvider';

/** The sidebar header's "+": a new channel (who may create one), a new message, inviting (who may). */
export function AddMenu() {
  const user = useCurrentUser();
  const invitePolicy = useWorkspace().settings?.invitePolicy ?? null;
  const [dialog, setDialog] = useState<'channel' | 'conversation' | 'invite' | null>(null);

  return (
    <>
      <Menu
        label="Create"
        testId="sidebar-add-button"
        className="sidebar-add"
        buttonClassName="sidebar-add-button"
        icon={<Plus size={18} aria-hidden="true" />}
      >
        {() => (
          <>
            {canCreateChannel(user.role) && (
              <MenuItem testId="create-channel-button" icon={<Hash size={16} />} onSelect={() => setDialog('channel')}>
                New channel
              </MenuItem>
            )}
            <MenuItem
              testId="new-dm-button"
              icon={<MessageSquarePlus size={16} />}
              onSelect={() => setDialog('conversation')}
            >
              New message
            </MenuItem>
            {canInvite(user.role, invitePolicy) && (
              <MenuItem testId="invite-button" icon={<UserRoundPlus size={16} />} onSelect={() => setDialog('invite')}>
                Invite people
              </MenuItem>
            )}
          </>
        )}
      </Menu>
      {dialog === 'channel' && <CreateChannelDialog onClose={() => setDialog(null)} />}
      {dialog === 'invite' && <InviteDialog onClose={() => setDialog(null)} />}
      {dialog === 'conversation' && <NewConversationDialog onClose={() => setDialog(null)} />}
    </>
  );
}
