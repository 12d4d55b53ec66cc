import { useState } from 'react';
import type { Theme } from '../api/types.generated';
import { useCurrentUser, useSession } from '../auth/session';
import { useServices } from '../core/services';
import { updateProfile } from './api';
import { THEMES, applyTheme } from './theme';

/**
 * The profile dialog's theme: takes effect at once (apart from the dialog's Save) and is kept
 * on the server, so every device the person signs in on opens in it.
 */
export function ThemeField() {
  const me = useCurrentUser();
  const { api } = useServices();
  const { replaceUser } = useSession();
  const [error, setError] = useState<string | null>(null);
  // Shown chosen at once; the account follows when the server has it.
  const [chosen, setChosen] = useState(me.theme);

  const choose = async (theme: Theme) => {
    setError(null);
    setChosen(theme);
    applyTheme(theme);
    try {
      replaceUser(await updateProfile(api, { theme }));
    } catch {
      setChosen(me.theme);
      applyTheme(me.theme);
      setError('The theme could not be saved. Try again.');
    }
  };

  return (
    <fieldset className="theme-field" data-testid="profile-theme">
      <legend className="field-label">Theme</legend>
      {THEMES.map(({ id, label }) => (
        <label key={id} className="theme-choice">
          <input
            type="radio"
            name="theme"
            value={id}
            checked={chosen === id}
            data-testid={`profile-theme-${id}`}
            onChange={() => void choose(id)}
          />
          {label}
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
