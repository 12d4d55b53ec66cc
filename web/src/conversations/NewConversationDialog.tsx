import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import { conversationUrl } from '../core/paths';
import type { UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { GROUP_MAX_PARTICIPANTS, GROUP_NAME_MAX_CHARS } from '../limits';
import { useSidebar } from '../sidebar/SidebarProvider';
import { Modal } from '../ui/Modal';
import { UserPicker } from '../users/UserPicker';
import { openConversation } from './api';

/**
 * "New message": pick people (nobody for notes to self, one for a direct message, more for a
 * group), then open their conversation, new or existing.
 */
export function NewConversationDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const me = useCurrentUser();
  const { addConversation } = useSidebar();
  const navigate = useNavigate();
  const [people, setPeople] = useState<UserView[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exclude = useMemo(() => new Set([me.id]), [me.id]);
  const group = people.length >= 2;

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const opened = await openConversation(
        api,
        people.map((p) => p.id),
        group && name.trim() ? name.trim() : undefined,
      );
      addConversation(opened);
      onClose();
      void navigate(conversationUrl(opened.conversation.id));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal title="New message" onClose={onClose} testId="new-dm-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <UserPicker
          label="To"
          selected={people}
          onChange={setPeople}
          exclude={exclude}
          max={GROUP_MAX_PARTICIPANTS - 1}
        />
        {group && (
          <label className="field-label">
            Group name <span className="muted">(optional)</span>
            <input
              className="text-input"
              data-testid="group-name-input"
              maxLength={GROUP_NAME_MAX_CHARS}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="new-dm-error">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="new-dm-submit" disabled={busy}>
            {people.length === 0 ? 'Open notes to self' : group ? 'Start group' : 'Start conversation'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
