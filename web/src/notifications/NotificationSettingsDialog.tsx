import { useState } from 'react';
import type { NotificationSettings, NotifyLevel } from '../api/types.generated';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';

type NotificationSettingsDialogProps = {
  settings: NotificationSettings;
  onSave: (settings: NotificationSettings) => Promise<void>;
  onClose: () => void;
};

const LEVELS: { level: NotifyLevel; label: string; hint: string }[] = [
  { level: 'all', label: 'Everything for me', hint: 'mentions, direct and group messages, replies in threads I follow' },
  { level: 'mentions', label: 'Mentions and conversations', hint: 'no thread replies' },
  { level: 'nothing', label: 'Nothing', hint: 'no notifications at all' },
];

/** The reader's notification settings: what notifies them, on the desktop too, with a sound. */
export function NotificationSettingsDialog({ settings, onSave, onClose }: NotificationSettingsDialogProps) {
  const [draft, setDraft] = useState(settings);
  const saving = useSubmit();
  const unsupported = !('Notification' in window);

  return (
    <FormDialog
      title="Notifications"
      testId="notification-settings-dialog"
      onClose={onClose}
      onSubmit={() => saving.run(() => onSave(draft).then(onClose))}
      submitting={saving}
      submitLabel="Save"
      submitTestId="notification-settings-save"
    >
      <fieldset className="field-choice">
        <legend className="field-label">Notify me about</legend>
        {LEVELS.map(({ level, label, hint }) => (
          <label key={level} className="field-option">
            <input
              type="radio"
              name="level"
              value={level}
              data-testid={`notify-level-${level}`}
              checked={draft.level === level}
              onChange={() => setDraft({ ...draft, level })}
            />
            <span>
              {label} <span className="muted">· {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field-option">
        <input
          type="checkbox"
          data-testid="notify-desktop"
          checked={draft.desktop}
          onChange={(e) => setDraft({ ...draft, desktop: e.target.checked })}
        />
        <span>
          Desktop notifications when Parley is in the background
          {unsupported && <span className="muted"> (this browser has none)</span>}
        </span>
      </label>
      <label className="field-option">
        <input
          type="checkbox"
          data-testid="notify-sound"
          checked={draft.sound}
          onChange={(e) => setDraft({ ...draft, sound: e.target.checked })}
        />
        <span>Play a sound</span>
      </label>
      <label className="field-option">
        <input
          type="checkbox"
          data-testid="notify-email"
          checked={draft.email ?? true}
          onChange={(e) => setDraft({ ...draft, email: e.target.checked })}
        />
        <span>
          Email me about mentions and direct messages while I am away{' '}
          <span className="muted">· at most one mail every 15 minutes</span>
        </span>
      </label>
    </FormDialog>
  );
}
