import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useCurrentUser, useSession } from '../auth/session';
import { NotificationSettingsButton } from '../notifications/NotificationSettingsButton';
import { ProfileDialog } from '../lazy/parts';
import { StatusEmoji } from '../profile/StatusEmoji';
import { useOwnUpdates } from '../profile/useOwnUpdates';
import { Menu, MenuItem } from '../ui/Menu';
import { Avatar } from '../users/Avatar';

export function CurrentUser() {
  const user = useCurrentUser();
  const { signOut, signOutEverywhere } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [profileOpen, setProfileOpen] = useState(false);
  useOwnUpdates();

  return (
    <footer className="current-user">
      <Avatar userId={user.id} name={user.displayName} avatar={user.avatar} />
      <span className="current-user-name" data-testid="current-user" title={user.email}>
        {user.displayName}
      </span>
      <StatusEmoji userId={user.id} />
      <NotificationSettingsButton />
      <Menu label="Account" testId="account-menu" className="menu-up">
        {(close) => (
          <>
            <MenuItem
              testId="open-profile"
              onSelect={() => {
                close();
                setProfileOpen(true);
              }}
            >
              Profile and status
            </MenuItem>
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
      {profileOpen && <ProfileDialog onClose={() => setProfileOpen(false)} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </footer>
  );
}
