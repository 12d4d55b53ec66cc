import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Channel, UpdateChannel } from '../api/types.generated';
import { useServices } from '../core/services';
import { CHANNEL_NAME_MAX_CHARS } from '../limits';
import { Modal } from '../ui/Modal';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = channelNameProblem(name) ?? descriptionProblem(description);

  const submit = async () => {
    if (problem || busy) return;
    const patch: UpdateChannel = {};
    if (name !== channel.name) patch.name = name;
    if (description.trim() !== channel.description) patch.description = description.trim();
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateChannel(api, channel.id, patch));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal title={`Edit #${channel.name}`} onClose={onClose} testId="edit-channel-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
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
        {error && (
          <p className="field-error" role="alert" data-testid="channel-edit-error">
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
            data-testid="channel-edit-submit"
            disabled={busy || Boolean(problem)}
          >
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
