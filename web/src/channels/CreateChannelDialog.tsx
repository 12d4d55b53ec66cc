import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { channelUrl } from '../core/paths';
import type { ChannelType } from '../api/types.generated';
import { useServices } from '../core/services';
import { CHANNEL_NAME_MAX_CHARS } from '../limits';
import { useSidebar } from '../sidebar/SidebarProvider';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { createChannel } from './api';
import { channelNameProblem, descriptionProblem, normaliseNameInput } from './channelName';

/** Name, public or private, description: creates the channel (the user owns it) and opens it. */
export function CreateChannelDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const { addChannel } = useSidebar();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [type, setType] = useState<ChannelType>('public');
  const [description, setDescription] = useState('');
  const saving = useSubmit();
  const [touched, setTouched] = useState(false);

  const nameProblem = channelNameProblem(name);
  const problem = nameProblem ?? descriptionProblem(description);

  const submit = () => {
    setTouched(true);
    if (problem) return;
    saving.run(async () => {
      const created = await createChannel(api, { name, type, description: description.trim() });
      addChannel(created);
      onClose();
      void navigate(channelUrl(created.channel.slug));
    });
  };

  return (
    <FormDialog
      title="Create a channel"
      testId="create-channel-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={saving}
      submitLabel={saving.busy ? 'Creating…' : 'Create'}
      submitTestId="create-channel-submit"
      errorTestId="create-channel-error"
    >
      <label className="field-label">
        Name
        <span className="input-prefix">
          <span aria-hidden="true">#</span>
          <input
            className="text-input"
            data-testid="channel-name-input"
            placeholder="e.g. team-news"
            maxLength={CHANNEL_NAME_MAX_CHARS + 8}
            value={name}
            onChange={(e) => setName(normaliseNameInput(e.target.value))}
            onBlur={() => setTouched(Boolean(name))}
          />
        </span>
      </label>
      {touched && nameProblem && (
        <p className="field-error" data-testid="channel-name-problem">
          {nameProblem}
        </p>
      )}
      <fieldset className="field-choice">
        <legend className="field-label">Who can find it</legend>
        <label>
          <input
            type="radio"
            name="channel-type"
            data-testid="channel-type-public"
            checked={type === 'public'}
            onChange={() => setType('public')}
          />{' '}
          Public: anyone in the workspace can find and join it
        </label>
        <label>
          <input
            type="radio"
            name="channel-type"
            data-testid="channel-type-private"
            checked={type === 'private'}
            onChange={() => setType('private')}
          />{' '}
          Private: only people added to it
        </label>
      </fieldset>
      <label className="field-label">
        Description <span className="muted">(optional)</span>
        <textarea
          className="text-input"
          data-testid="channel-description-input"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {touched && !nameProblem && problem && <p className="field-error">{problem}</p>}
    </FormDialog>
  );
}
