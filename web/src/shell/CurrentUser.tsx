import { useState } from 'react';
import { useCurrentUser, useSession } from '../auth/session';
import { NotificationSettingsButton } from '../notifications/NotificationSettingsButton';
import { Avatar } from '../users/Avatar';

export function CurrentUser() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);

  return (
    <footer className="current-user">
      <Avatar name={user.displayName} />
      <span className="current-user-name" data-testid="current-user" title={user.email}>
        {user.displayName}
      </span>
      <NotificationSettingsButton />
      <button
        type="button"
        className="button button-quiet"
        disabled={signingOut}
        onClick={async () => {
          setSigningOut(true);
          await signOut();
        }}
      >
        Sign out
      </button>
    </footer>
  );
}

