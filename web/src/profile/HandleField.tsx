import { useState } from 'react';
import { useCurrentUser, useSession } from '../auth/session';
import { useServices } from '../core/services';
import { useSubmit } from '../ui/useSubmit';
import { changeHandle } from './api';

/**
 * The handle others type after `@`, changed on its own (saved at once, like the picture): the
 * server refuses one that is someone else's or looks like it, and says why beside the field.
 */
export function HandleField() {
  const me = useCurrentUser();
  const { api } = useServices();
  const { replaceUser } = useSession();
  const [handle, setHandle] = useState(me.handle);
  const [saved, setSaved] = useState(false);
  const saving = useSubmit();
  const changed = handle.trim() !== me.handle;

  const save = () =>
    saving.run(async () => {
      setSaved(false);
      const user = await changeHandle(api, handle.trim());
      replaceUser(user);
      setHandle(user.handle);
      setSaved(true);
    });

  return (
    <div className="handle-field">
      <label className="field-label" htmlFor="profile-handle-input">
        Handle
      </label>
      <div className="status-row">
        <span aria-hidden="true">@</span>
        <input
          id="profile-handle-input"
          className="text-input"
          data-testid="profile-handle-input"
          value={handle}
          autoComplete="off"
          spellCheck="false"
          aria-describedby="profile-handle-note"
          onChange={(e) => {
            setHandle(e.target.value);
            setSaved(false);
          }}
          onKeyDown={(e) => {
            // Enter saves the handle, not the whole dialog.
            if (e.key === 'Enter') {
              e.preventDefault();
              if (changed) save();
            }
          }}
        />
        <button
          type="button"
          className="button"
          data-testid="profile-handle-save"
          disabled={!changed || saving.busy}
          onClick={save}
        >
          {saving.busy ? 'Saving…' : 'Change handle'}
        </button>
      </div>
      <p className="muted field-note" id="profile-handle-note">
        What people type after @ to mention you: 2 to 48 lower-case letters, digits, dots, underscores or hyphens.
      </p>
      {saving.error && (
        <p className="field-error" role="alert" data-testid="profile-error-handle">
          {saving.error}
        </p>
      )}
      {saved && (
        <p className="muted" role="status" data-testid="profile-handle-saved">
          Your handle is now @{me.handle}.
        </p>
      )}
    </div>
  );
}
