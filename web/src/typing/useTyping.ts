import { useCallback, useEffect, useRef, useState } from 'react';
import type { ParentRef } from '../api/routes';
import { useCurrentUser } from '../auth/session';
import { useRealtimeEvent } from '../realtime/hooks';
import { useRealtimeClient } from '../realtime/RealtimeProvider';
import { TYPING_SHOWN_MS, shouldSendTyping, stillTyping } from './typing';

/**
 * Typing in one conversation (or one of its threads): who else is typing (ids, oldest first), and
 * `typed()` to call on each keystroke, which tells the others at most every few seconds.
 */
export function useTyping(parent: ParentRef, threadRootId: string | null = null): { typists: string[]; typed: () => void } {
  const client = useRealtimeClient();
  const me = useCurrentUser().id;
  const [lastSeen, setLastSeen] = useState<ReadonlyMap<string, number>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const lastSent = useRef<number | null>(null);

  useRealtimeEvent((event) => {
    if (
      event.type === 'message.new' &&
      event.data.parentID === parent.id &&
      (event.data.threadRootID ?? null) === threadRootId
    ) {
      // Someone who sent has stopped typing.
      setLastSeen((seen) => {
        if (!seen.has(event.data.authorID)) return seen;
        const next = new Map(seen);
        next.delete(event.data.authorID);
        return next;
      });
    }
    if (
      event.type !== 'typing' ||
      event.data.parentID !== parent.id ||
      (event.data.threadRootID ?? null) !== threadRootId ||
      event.data.userID === me
    ) {
      return;
    }
    const at = Date.now();
    setNow(at);
    setLastSeen((seen) => new Map(seen).set(event.data.userID, at));
  });

  // Re-check while anyone shows as typing, so the line goes away on its own.
  const typists = stillTyping(lastSeen, now);
  const anyone = typists.length > 0;
  useEffect(() => {
    if (!anyone) return;
    const timer = setInterval(() => setNow(Date.now()), TYPING_SHOWN_MS / 5);
    return () => clearInterval(timer);
  }, [anyone]);

  const typed = useCallback(() => {
    const at = Date.now();
    if (!shouldSendTyping(lastSent.current, at)) return;
    const frame = threadRootId
      ? ({ type: 'typing', parentID: parent.id, parentType: parent.type, threadRootID: threadRootId } as const)
      : ({ type: 'typing', parentID: parent.id, parentType: parent.type } as const);
    if (client.sendFrame(frame)) lastSent.current = at;
  }, [client, parent.id, parent.type, threadRootId]);

  return { typists, typed };
}
