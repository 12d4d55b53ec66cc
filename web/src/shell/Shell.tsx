import { useMemo } from 'react';
import { Outlet, useMatch } from 'react-router-dom';
import { useCurrentUser } from '../auth/session';
import { Sidebar } from '../channels/Sidebar';
import { useMyChannels } from '../channels/useMyChannels';
import { useUnreadChannels } from '../channels/useUnreadChannels';

/** The signed-in layout: the sidebar, and the open channel beside it. */
export function Shell() {
  const user = useCurrentUser();
  const { channels, error, reload } = useMyChannels();
  const openSlug = useMatch('/c/:slug')?.params.slug ?? null;
  const openChannelId = channels?.find((c) => c.slug === openSlug)?.channelID ?? null;
  const known = useMemo(
    () => (channels ? new Set(channels.map((c) => c.channelID)) : null),
    [channels],
  );
  const unread = useUnreadChannels(openChannelId, user.id, known, reload);

  return (
    <div className="shell">
      <Sidebar channels={channels} error={error} unread={unread} />
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
