import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { conversationUrl } from '../core/paths';
import type { UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { GROUP_MAX_PARTICIPANTS, GROUP_NAME_MAX_CHARS } from '../limits';
import { useSidebar } from '../sidebar/SidebarProvider';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
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
  const opening = useSubmit();
  const exclude = useMemo(() => new Set([me.id]), [me.id]);
  const group = people.length >= 2;

  const submit = () =>
    opening.run(async () => {
      const opened = await openConversation(
        api,
        people.map((p) => p.id),
        group && name.trim() ? name.trim() : undefined,
      );
      addConversation(opened);
      onClose();
      void navigate(conversationUrl(opened.conversation.id));
    });

  return (
    <FormDialog
      title="New message"
      testId="new-dm-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={opening}
      submitLabel={people.length === 0 ? 'Open notes to self' : group ? 'Start group' : 'Start conversation'}
      submitTestId="new-dm-submit"
      errorTestId="new-dm-error"
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
    </FormDialog>
  );
}
