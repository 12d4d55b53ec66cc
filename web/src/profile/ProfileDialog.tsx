import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { CustomStatus } from '../api/types.generated';
import { useCurrentUser, useSession } from '../auth/session';
import { useServices } from '../core/services';
import { EmojiPicker } from '../emoji/EmojiPicker';
import { Modal } from '../ui/Modal';
import { PartlySaved, clearProfileStatus, saveProfile, type ClearChoice } from './save';
import { CLEAR_AFTER, browserTimeZone, timeZoneChoices, untilText } from './status';
import { useCurrentStatus, useUserView } from './useStatus';

/** Which field a server error belongs beside. */
type Field = 'displayName' | 'timeZone' | 'emoji' | 'text' | 'clearAt' | 'form';

const FIELD_OF_CODE: Record<string, Field> = {
  name_from_provider: 'displayName',
  invalid_display_name: 'displayName',
  invalid_time_zone: 'timeZone',
  invalid_emoji: 'emoji',
  invalid_status_text: 'text',
  empty_status: 'text',
  invalid_clear_at: 'clearAt',
};

/**
 * The signed-in person's profile: display name (read-only for SSO accounts, whose name is the
 * provider's), time zone, and custom status with when it clears itself.
 */
export function ProfileDialog({ onClose }: { onClose: () => void }) {
  const me = useCurrentUser();
  const { api } = useServices();
  const { replaceUser } = useSession();
  // The live view (kept current by user.updated) knows a change made on another device.
  const view = useUserView(me.id);
  const shown: CustomStatus | null = useCurrentStatus(view ? view.status : me.customStatus);
  const savedZone = (view ? view.timeZone : me.timeZone) ?? null;

  const [displayName, setDisplayName] = useState(me.displayName);
  const [timeZone, setTimeZone] = useState(savedZone ?? browserTimeZone() ?? '');
  const [emoji, setEmoji] = useState(shown?.emoji ?? '');
  const [text, setText] = useState(shown?.text ?? '');
  const [clearAfter, setClearAfter] = useState<ClearChoice>(shown?.clearAt ? 'keep' : 'never');
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneChoices(timeZone || null), [timeZone]);
  const fromProvider = me.provider === 'oidc';

  const fail = (err: unknown) => {
    const field = err instanceof ApiError ? (FIELD_OF_CODE[err.code] ?? 'form') : 'form';
    setErrors({ [field]: errorMessage(err) });
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const user = await saveProfile(api, me, {
        displayName: fromProvider ? null : displayName,
        timeZone,
        savedZone,
        status: { emoji, text, clearAfter },
        shown,
        now: new Date(),
      });
      if (user) replaceUser(user);
      onClose();
    } catch (err) {
      // A part saved before the failing one is already the account's: take it.
      if (err instanceof PartlySaved) {
        replaceUser(err.user);
        fail(err.cause);
      } else {
        fail(err);
      }
      setBusy(false);
    }
  };

  const clearNow = async () => {
    setBusy(true);
    setErrors({});
    try {
      replaceUser(await clearProfileStatus(api, me));
      onClose();
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  return (
    <Modal title="Profile and status" onClose={onClose} testId="profile-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field-label">
          Display name
          <input
            className="text-input"
            data-testid="profile-name-input"
            value={displayName}
            readOnly={fromProvider}
            aria-describedby={fromProvider ? 'profile-name-note' : undefined}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
        {fromProvider && (
          <p className="muted field-note" id="profile-name-note" data-testid="profile-name-note">
            From your sign-in provider: change it there, and it shows here from your next sign-in.
          </p>
        )}
        <FieldError field="displayName" errors={errors} />

        <label className="field-label">
          Time zone
          <select
            className="text-input"
            data-testid="profile-time-zone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          >
            {!timeZone && <option value="">Not set</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <FieldError field="timeZone" errors={errors} />

        <fieldset className="status-fields">
          <legend className="field-label">Status</legend>
          <div className="status-row">
            <span className="status-emoji-choice">
              <button
                type="button"
                className="button status-emoji-button"
                data-testid="status-emoji-button"
                aria-label={emoji ? `Status emoji ${emoji}; change it` : 'Pick a status emoji'}
                onClick={() => setPicking((open) => !open)}
              >
                {emoji || '🙂'}
              </button>
              {picking && (
                <EmojiPicker
                  onPick={(picked) => setEmoji(picked)}
                  onClose={() => setPicking(false)}
                  recent={['📅', '🍽️', '🤒', '🌴', '🏠', '🚆']}
                />
              )}
            </span>
            <input
              className="text-input"
              data-testid="status-text-input"
              placeholder="What's your status?"
              aria-label="Status text"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            {emoji && (
              <button
                type="button"
                className="link-button"
                data-testid="status-emoji-remove"
                onClick={() => setEmoji('')}
              >
                No emoji
              </button>
            )}
          </div>
          <FieldError field="emoji" errors={errors} />
          <FieldError field="text" errors={errors} />
          <label className="field-label">
            Clear after
            <select
              className="text-input"
              data-testid="status-clear-after"
              value={clearAfter}
              onChange={(e) => setClearAfter(e.target.value as ClearChoice)}
            >
              {shown?.clearAt && <option value="keep">As set ({untilText(shown.clearAt, new Date())})</option>}
              {CLEAR_AFTER.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <FieldError field="clearAt" errors={errors} />
        </fieldset>

        <FieldError field="form" errors={errors} />
        <div className="form-buttons">
          {shown && (
            <button
              type="button"
              className="button"
              data-testid="status-clear"
              disabled={busy}
              onClick={() => void clearNow()}
            >
              Clear status
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="profile-save" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function FieldError({ field, errors }: { field: Field; errors: Partial<Record<Field, string>> }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid={`profile-error-${field}`}>
      {message}
    </p>
  );
}
