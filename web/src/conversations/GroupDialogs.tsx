import { useMemo, useState } from 'react';
import type { Conversation, UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { GROUP_MAX_PARTICIPANTS, GROUP_NAME_MAX_CHARS } from '../limits';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { UserPicker } from '../users/UserPicker';
import { addParticipants, renameConversation } from './api';

type GroupDialogProps = {
  conversation: Conversation;
  onClose: () => void;
  onSaved: (conversation: Conversation) => void;
};

/** Name a group (an empty name goes back to listing its people). */
export function RenameConversationDialog({ conversation, onClose, onSaved }: GroupDialogProps) {
  const { api } = useServices();
  const [name, setName] = useState(conversation.name ?? '');
  const saving = useSubmit();

  return (
    <FormDialog
      title="Rename group"
      testId="rename-conversation-dialog"
      onClose={onClose}
      onSubmit={() => saving.run(async () => onSaved(await renameConversation(api, conversation.id, name.trim())))}
      submitting={saving}
      submitLabel="Save"
      submitTestId="conversation-name-submit"
    >
      <label className="field-label">
        Name
        <input
          className="text-input"
          data-testid="conversation-name-input"
          maxLength={GROUP_NAME_MAX_CHARS}
          placeholder="Leave empty to list the people"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
    </FormDialog>
  );
}

/** Add people to a group. */
export function AddParticipantsDialog({ conversation, onClose, onSaved }: GroupDialogProps) {
  const { api } = useServices();
  const [people, setPeople] = useState<UserView[]>([]);
  const saving = useSubmit();
  const exclude = useMemo(() => new Set(conversation.participantIDs), [conversation.participantIDs]);
  const room = Math.max(0, GROUP_MAX_PARTICIPANTS - conversation.participantIDs.length);

  const submit = () => {
    if (people.length === 0) return;
    const ids = people.map((p) => p.id);
    saving.run(async () => onSaved(await addParticipants(api, conversation.id, ids)));
  };

  return (
    <FormDialog
      title="Add people"
      testId="add-participants-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={saving}
      submitLabel="Add"
      submitTestId="conversation-add-submit"
      submitDisabled={people.length === 0}
    >
      <UserPicker selected={people} onChange={setPeople} exclude={exclude} max={room} />
    </FormDialog>
  );
}
