import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
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

type ConversationHeaderProps = {
  conversation: Conversation;
  title: string;
  onConversation: (conversation: Conversation) => void;
  /** More header buttons (pinned messages), shown first. */
  extraActions?: ReactNode;
};

/** The conversation's title and people; a group's can be renamed, added to and left. */
export function ConversationHeader({ conversation, title, onConversation, extraActions }: ConversationHeaderProps) {
  const { api } = useServices();
  const user = useCurrentUser();
  const { conversationChanged, removeParent } = useSidebar();
  const navigate = useNavigate();
  const nameOf = useUserNames(conversation.participantIDs);
  const [dialog, setDialog] = useState<'rename' | 'add' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    setError(null);
    try {
      await leaveConversation(api, conversation.id);
      removeParent(conversation.id);
      void navigate(HOME_PATH, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
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
        {error && (
          <p className="error-text" role="alert" data-testid="conversation-action-error">
            {error}
          </p>
        )}
      </div>
      <div className="channel-actions">
        {extraActions}
        {group && (
          <>
          <button
            type="button"
            className="button"
            data-testid="conversation-rename-button"
            onClick={() => setDialog('rename')}
          >
            Rename
          </button>
          <button type="button" className="button" data-testid="conversation-add-button" onClick={() => setDialog('add')}>
            Add people
          </button>
          <button type="button" className="button" data-testid="leave-button" disabled={busy} onClick={() => void leave()}>
            Leave
          </button>
          </>
        )}
      </div>
      {dialog === 'rename' && (
        <RenameConversationDialog conversation={conversation} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog === 'add' && (
        <AddParticipantsDialog conversation={conversation} onClose={() => setDialog(null)} onSaved={changed} />
      )}
    </header>
  );
}
