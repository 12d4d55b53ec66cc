import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { PresenceStatus } from '../api/types.generated';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { useRealtimeClient } from '../realtime/RealtimeProvider';
import { PresenceStore } from './presenceStore';

/** A tab hidden this long counts as away (a quick look at another tab does not). */
export const AWAY_AFTER_HIDDEN_MS = 15_000;

const PresenceContext = createContext<PresenceStore | null>(null);

/**
 * Keeps presence for the signed-in app: subscribes to the people shown (see PresenceStore),
 * again after every reconnect or lost event, and applies the answers and `presence.changed`
 * events. Tells the server when this tab has been hidden for a while (away) or is visible again
 * (online).
 */
export function PresenceProvider({ children }: { children: ReactNode }) {
  const client = useRealtimeClient();
  const store = useMemo(() => new PresenceStore((frame) => client.sendFrame(frame)), [client]);
  useEffect(() => () => store.dispose(), [store]);
  const awayTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reportedAway = useRef(false);

  useRealtimeEvent((event) => {
    if (event.type === 'presence.changed') store.changed(event.data);
    if (event.type === 'presence.subscribed') store.subscribed(event.data);
  });

  useRealtimeOpen(
    (reason) => {
      store.resubscribe();
      // A new connection starts online; a tab still hidden is away again. (A lost event changes
      // nothing the server knows of this tab: an away it was told stands, and is taken back when
      // the tab shows again.)
      if (reason === 'missed') return;
      reportedAway.current = false;
      if (document.visibilityState === 'hidden') scheduleAway();
    },
    { first: true },
  );

  const scheduleAway = () => {
    if (awayTimer.current) clearTimeout(awayTimer.current);
    awayTimer.current = setTimeout(() => {
      awayTimer.current = null;
      if (client.sendFrame({ type: 'presence', status: 'away' })) reportedAway.current = true;
    }, AWAY_AFTER_HIDDEN_MS);
  };

  useEffect(() => {
    const onChange = () => {
      if (document.visibilityState === 'hidden') {
        scheduleAway();
        return;
      }
      if (awayTimer.current) clearTimeout(awayTimer.current);
      awayTimer.current = null;
      if (reportedAway.current && client.sendFrame({ type: 'presence', status: 'online' })) {
        reportedAway.current = false;
      }
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  });

  useEffect(() => {
    // The first connection may have opened before this mounted (see FirstConnection), so its
    // open above may never come here: a tab that starts hidden is away all the same.
    if (document.visibilityState === 'hidden') scheduleAway();
    return () => {
      if (awayTimer.current) clearTimeout(awayTimer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, at mount
  }, []);

  return <PresenceContext.Provider value={store}>{children}</PresenceContext.Provider>;
}

/**
 * The presence of `id`, watched while the calling component is mounted; `undefined` until the
 * server has answered, and for people the signed-in user may not see.
 */
export function usePresence(id: string): PresenceStatus | undefined {
  const store = useContext(PresenceContext);
  if (!store) throw new Error('usePresence outside PresenceProvider');
  useSyncExternalStore(store.subscribe, store.snapshot);
  useEffect(() => store.watch(id), [store, id]);
  return store.get(id);
}
