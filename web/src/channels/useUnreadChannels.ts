import { useEffect, useRef, useState } from 'react';
import { useRealtimeEvent } from '../realtime/hooks';
import { markRead, unreadAfterEvent } from './unread';

/**
 * The ids of channels with messages the user has not seen: set by live events for channels other
 * than the open one, cleared when the channel is opened. `onUnknownChannel` hears of events for
 * channels not in the sidebar (e.g. one the user was just added to).
 */
export function useUnreadChannels(
  openChannelId: string | null,
  myUserId: string,
  knownChannelIds: ReadonlySet<string> | null,
  onUnknownChannel: () => void,
): ReadonlySet<string> {
  const [unread, setUnread] = useState<ReadonlySet<string>>(() => new Set());
  const openRef = useRef(openChannelId);
  // Ask about each unknown channel once, not on every message in it.
  const askedAbout = useRef(new Set<string>());

  useEffect(() => {
    openRef.current = openChannelId;
    if (openChannelId) setUnread((current) => markRead(current, openChannelId));
  }, [openChannelId]);

  useRealtimeEvent((event) => {
    setUnread((current) => unreadAfterEvent(current, event, openRef.current, myUserId));
    if (
      event.type === 'message.new' &&
      event.data.parentType === 'channel' &&
      knownChannelIds &&
      !knownChannelIds.has(event.data.parentID) &&
      !askedAbout.current.has(event.data.parentID)
    ) {
      askedAbout.current.add(event.data.parentID);
      onUnknownChannel();
    }
  });

  return unread;
}
