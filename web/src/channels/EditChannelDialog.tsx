import { useState } from 'react';
import type { Channel, UpdateChannel } from '../api/types.generated';
import { useServices } from '../core/services';
import { CHANNEL_NAME_MAX_CHARS } from '../limits';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { updateChannel } from './api';
import { channelNameProblem, descriptionProblem, normaliseNameInput } from './channelName';
import { isGeneral } from './permissions';

type EditChannelDialogProps = {
  channel: Channel;
  onClose: () => void;
  onSaved: (channel: Channel) => void;
};

/** Rename a channel (its address follows; the old one keeps working) and edit its description. */
export function EditChannelDialog({ channel, onClose, onSaved }: EditChannelDialogProps) {
  const { api } = useServices();
  const [name, setName] = useState(channel.name);
  const [description, setDescription] = useState(channel.description);
  const saving = useSubmit();
  const problem = channelNameProblem(name) ?? descriptionProblem(description);

  const submit = () => {
    if (problem || saving.busy) return;
    const patch: UpdateChannel = {};
    if (name !== channel.name) patch.name = name;
    if (description.trim() !== channel.description) patch.description = description.trim();
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    saving.run(async () => onSaved(await updateChannel(api, channel.id, patch)));
  };

  return (
    <FormDialog
      title={`Edit #${channel.name}`}
      testId="edit-channel-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={saving}
      submitLabel="Save"
      submitTestId="channel-edit-submit"
      submitDisabled={Boolean(problem)}
      errorTestId="channel-edit-error"
    >
      <label className="field-label">
        Name
        <input
          className="text-input"
          data-testid="channel-edit-name"
          maxLength={CHANNEL_NAME_MAX_CHARS + 8}
          disabled={isGeneral(channel)}
          value={name}
          onChange={(e) => setName(normaliseNameInput(e.target.value))}
        />
      </label>
      <label className="field-label">
        Description
        <textarea
          className="text-input"
          data-testid="channel-edit-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {problem && <p className="field-error">{problem}</p>}
    </FormDialog>
  );
}
