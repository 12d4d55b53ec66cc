import { useMemo, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Conversation, UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { GROUP_MAX_PARTICIPANTS, GROUP_NAME_MAX_CHARS } from '../limits';
import { Modal } from '../ui/Modal';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Modal title="Rename group" onClose={onClose} testId="rename-conversation-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          renameConversation(api, conversation.id, name.trim()).then(onSaved, (err: unknown) => {
            setError(errorMessage(err));
            setBusy(false);
          });
        }}
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
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="conversation-name-submit" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Add people to a group. */
export function AddParticipantsDialog({ conversation, onClose, onSaved }: GroupDialogProps) {
  const { api } = useServices();
  const [people, setPeople] = useState<UserView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exclude = useMemo(() => new Set(conversation.participantIDs), [conversation.participantIDs]);
  const room = Math.max(0, GROUP_MAX_PARTICIPANTS - conversation.participantIDs.length);

  return (
    <Modal title="Add people" onClose={onClose} testId="add-participants-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (people.length === 0) return;
          setBusy(true);
          setError(null);
          addParticipants(
            api,
            conversation.id,
            people.map((p) => p.id),
          ).then(onSaved, (err: unknown) => {
            setError(errorMessage(err));
            setBusy(false);
          });
        }}
      >
        <UserPicker selected={people} onChange={setPeople} exclude={exclude} max={room} />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="conversation-add-submit"
            disabled={busy || people.length === 0}
          >
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
