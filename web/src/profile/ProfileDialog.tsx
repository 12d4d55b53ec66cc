import { useMemo, useState } from 'react';
import { ApiError } from '../api/errors';
import type { CustomStatus, ErrorCode } from '../api/types.generated';
import { useCurrentUser, useSession } from '../auth/session';
import { useServices } from '../core/services';
import { EmojiPicker } from '../emoji/EmojiPicker';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit, type Submit } from '../ui/useSubmit';
import { HandleField } from './HandleField';
import { PictureField } from './PictureField';
import { ThemeField } from './ThemeField';
import { PartlySaved, clearProfileStatus, saveProfile, type ClearChoice } from './save';
import { CLEAR_AFTER, browserTimeZone, timeZoneChoices, untilText } from './status';
import { useCurrentStatus, useUserView } from './useStatus';

/** Which field a server error belongs beside. */
type Field = 'displayName' | 'timeZone' | 'emoji' | 'text' | 'clearAt' | 'form';
type Errors = Partial<Record<Field, string>>;

const FIELD_OF_CODE: Partial<Record<ErrorCode, Field>> = {
  name_from_provider: 'displayName',
  invalid_display_name: 'displayName',
  invalid_time_zone: 'timeZone',
  invalid_emoji: 'emoji',
  invalid_status_text: 'text',
  empty_status: 'text',
  invalid_clear_at: 'clearAt',
};

/**
 * The signed-in person's profile: the picture (changed or removed at once), display name (read-only for SSO accounts, whose name is the
 * provider's), handle (changed at once), time zone, custom status with when it clears itself, and
 * the theme (changed at once).
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
  const saving = useSubmit();
  const zones = useMemo(() => timeZoneChoices(timeZone || null), [timeZone]);
  const fromProvider = me.provider === 'oidc';

  const errors = errorsByField(saving);

  const submit = () =>
    saving.run(async () => {
      const user = await saveProfile(api, me, {
        displayName: fromProvider ? null : displayName,
        timeZone,
        savedZone,
        status: { emoji, text, clearAfter },
        shown,
        now: new Date(),
      }).catch((err: unknown) => {
        // A part saved before the failing one is already the account's: take it.
        if (!(err instanceof PartlySaved)) throw err;
        replaceUser(err.user);
        throw err.cause;
      });
      if (user) replaceUser(user);
      onClose();
    });

  const clearNow = () =>
    saving.run(async () => {
      replaceUser(await clearProfileStatus(api, me));
      onClose();
    });

  return (
    <FormDialog
      title="Profile and status"
      testId="profile-dialog"
      onClose={onClose}
      onSubmit={submit}
      submitting={{ busy: saving.busy, error: errors.form ?? null }}
      submitLabel={saving.busy ? 'Saving…' : 'Save'}
      submitTestId="profile-save"
      errorTestId="profile-error-form"
      extraButtons={
        shown && (
          <button type="button" className="button" data-testid="status-clear" disabled={saving.busy} onClick={clearNow}>
            Clear status
          </button>
        )
      }
    >
      <PictureField />

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

      <HandleField />

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

      <ThemeField />
    </FormDialog>
  );
}

/** The last save's error, beside the field it is about. */
function errorsByField({ error, failure }: Submit): Errors {
  if (!error) return {};
  const field = failure instanceof ApiError ? (FIELD_OF_CODE[failure.code as ErrorCode] ?? 'form') : 'form';
  return { [field]: error };
}

function FieldError({ field, errors }: { field: Field; errors: Errors }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid={`profile-error-${field}`}>
      {message}
    </p>
  );
}
