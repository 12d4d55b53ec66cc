import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useCurrentUser, useSession } from '../auth/session';
import { NotificationSettingsButton } from '../notifications/NotificationSettingsButton';
import { Menu, MenuItem } from '../ui/Menu';
import { Avatar } from '../users/Avatar';

export function CurrentUser() {
  const user = useCurrentUser();
  const { signOut, signOutEverywhere } = useSession();
  const [error, setError] = useState<string | null>(null);

  return (
    <footer className="current-user">
      <Avatar name={user.displayName} />
      <span className="current-user-name" data-testid="current-user" title={user.email}>
        {user.displayName}
      </span>
      <NotificationSettingsButton />
      <Menu label="Account" testId="account-menu" className="menu-up">
        {(close) => (
          <>
            <MenuItem
              testId="sign-out"
              onSelect={() => {
                close();
                void signOut();
              }}
            >
              Sign out
            </MenuItem>
            <MenuItem
              testId="sign-out-everywhere"
              danger
              onSelect={() => {
                close();
                signOutEverywhere().catch((err: unknown) => setError(errorMessage(err)));
              }}
            >
              Sign out of all devices
            </MenuItem>
          </>
        )}
      </Menu>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </footer>
  );
}
