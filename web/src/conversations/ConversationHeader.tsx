import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { EllipsisVertical, LogOut, Pencil, UserRoundPlus } from 'lucide-react';
import type { Conversation } from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { PersonDetails } from '../profile/ProfileCard';
import { useSidebar } from '../sidebar/SidebarProvider';
import { useUserNames } from '../users/useUsers';
import { leaveConversation } from './api';
import { AddParticipantsDialog, RenameConversationDialog } from '../lazy/parts';
import { listNames } from './title';
import { DrawerButton } from '../shell/drawer';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Menu, MenuItem } from '../ui/Menu';

type ConversationHeaderProps = {
  conversation: Conversation;
  title: string;
  onConversation: (conversation: Conversation) => void;
  /** More header buttons (pinned messages), shown first. */
  extraActions?: ReactNode;
};

/** The conversation's title and people; a group's menu renames it, adds people, or leaves it (asking first). */
export function ConversationHeader({ conversation, title, onConversation, extraActions }: ConversationHeaderProps) {
  const { api } = useServices();
  const user = useCurrentUser();
  const { conversationChanged, removeParent } = useSidebar();
  const navigate = useNavigate();
  const nameOf = useUserNames(conversation.participantIDs);
  const [dialog, setDialog] = useState<'rename' | 'add' | 'leave' | null>(null);
  const group = conversation.kind === 'group';
  const peer = conversation.participantIDs.find((id) => id !== user.id);
  const people = useMemo(
    () => conversation.participantIDs.map((id) => (id === user.id ? `${nameOf(id)} (you)` : nameOf(id))),
    [conversation.participantIDs, nameOf, user.id],
  );

  const changed = (updated: Conversation) => {
    onConversation(updated);
    conversationChanged(updated);
    setDialog(null);
  };

  const leave = async () => {
    await leaveConversation(api, conversation.id);
    removeParent(conversation.id);
    void navigate(HOME_PATH, { replace: true });
  };

  return (
    <header className="channel-header">
      <DrawerButton />
      <div className="channel-header-text">
        <h1 className="channel-title" data-testid="conversation-title">
          {title}
        </h1>
        {conversation.kind === 'direct' && peer && <PersonDetails userId={peer} />}
        {group && (
          <p className="channel-description" data-testid="conversation-people">
            {listNames(people)}
          </p>
        )}
      </div>
      <div className="channel-actions">
        {extraActions}
        {group && (
          <Menu
            label="Conversation options"
            testId="conversation-menu-button"
            buttonClassName="button icon-button"
            icon={<EllipsisVertical size={16} aria-hidden="true" />}
          >
            {() => (
              <>
                <MenuItem testId="conversation-rename-button" icon={<Pencil size={16} />} onSelect={() => setDialog('rename')}>
                  Rename
                </MenuItem>
                <MenuItem testId="conversation-add-button" icon={<UserRoundPlus size={16} />} onSelect={() => setDialog('add')}>
                  Add people
                </MenuItem>
                <MenuItem testId="leave-button" danger icon={<LogOut size={16} />} onSelect={() => setDialog('leave')}>
                  Leave conversation
                </MenuItem>
              </>
            )}
          </Menu>
        )}
      </div>
      {dialog === 'rename' && (
        <RenameConversationDialog conversation={conversation} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog === 'leave' && (
        <ConfirmDialog title="Leave this conversation?" confirmLabel="Leave" onConfirm={leave} onClose={() => setDialog(null)}>
          <p>You will stop getting its messages, and can only come back if someone in it adds you again.</p>
        </ConfirmDialog>
      )}
      {dialog === 'add' && (
        <AddParticipantsDialog conversation={conversation} onClose={() => setDialog(null)} onSaved={changed} />
      )}
    </header>
  );
}
